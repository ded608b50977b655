#!/usr/bin/python3
# A photo as a phone takes it, held upright: 3024x4032 upright, stored as the sensor saw it
# (4032x3024, turned a quarter anticlockwise) with EXIF orientation 6, camera make and model and
# the time taken, as phones write them. The picture is SciPy's sample
# photograph (Debian's python3-scipy), cropped to portrait.
#   make-phone-photo.py OUT.jpg [UPRIGHT.png]   UPRIGHT: the upright picture, 300x400, to compare
import sys
import warnings

import numpy
from PIL import Image

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # scipy.misc.face is deprecated in favour of a download.
    from scipy import misc
    face = Image.fromarray(numpy.asarray(misc.face()))  # 1024x768

upright = face.crop((200, 0, 776, 768)).resize((3024, 4032), Image.Resampling.LANCZOS)
stored = upright.transpose(Image.Transpose.ROTATE_90)  # ROTATE_270 (orientation 6) undoes it.

exif = Image.Exif()
exif[0x010F] = "Xiaomi"  # Make
exif[0x0110] = "Redmi Note 8 Pro"  # Model
exif[0x0112] = 6  # Orientation: the 0th row is the visual right side.
exif[0x0132] = "2020:11:08 09:31:07"  # DateTime
exif[0x0131] = "begonia-user 11 RP1A.200720.011"  # Software
stored.save(sys.argv[1], "JPEG", quality=90, exif=exif.tobytes())
if len(sys.argv) > 2:
    upright.resize((300, 400), Image.Resampling.LANCZOS).save(sys.argv[2])
