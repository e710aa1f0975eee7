import StetDiff
