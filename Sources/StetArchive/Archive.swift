import StetDiff
import StetExtract
import StetText
