import StetDiff
import StetExtract
import StetText
import Foundation
