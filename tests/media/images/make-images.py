#!/usr/bin/python3
# Writes the pictures of tests/media (run from this folder; the files are kept in the repository),
# with PIL, not with the code under test.
#
# exif/: the EXIF orientation fixtures. Each file holds the same upright scene, 48x32: red top
# left, green top right, blue bottom left, yellow bottom right. It is stored turned or mirrored as
# a camera would store it, with the EXIF orientation (1 to 8) that turns it upright again:
# orientation-N.jpg, orientation-N.png (eXIf chunk), orientation-N.webp (EXIF chunk).
#
# stripes-4000.webp: 4000x1000, 1-pixel black and white stripes, which shown 960 wide must come
# out flat grey (filtered), not as moiré (sampled).
from PIL import Image

W, H = 48, 32
scene = Image.new("RGB", (W, H))
for y in range(H):
    for x in range(W):
        left, top = x < W // 2, y < H // 2
        scene.putpixel((x, y), (255, 0, 0) if left and top else (0, 255, 0) if top else
                       (0, 0, 255) if left else (255, 255, 0))

# What turns the stored picture upright (PIL's ImageOps.exif_transpose), and its inverse, which
# makes the stored picture from the scene.
T = Image.Transpose
upright = {2: T.FLIP_LEFT_RIGHT, 3: T.ROTATE_180, 4: T.FLIP_TOP_BOTTOM, 5: T.TRANSPOSE,
           6: T.ROTATE_270, 7: T.TRANSVERSE, 8: T.ROTATE_90}
inverse = {T.ROTATE_270: T.ROTATE_90, T.ROTATE_90: T.ROTATE_270}

for o in range(1, 9):
    stored = scene if o == 1 else scene.transpose(inverse.get(upright[o], upright[o]))
    exif = Image.Exif()
    exif[0x0112] = o  # Orientation
    exif[0x010F] = "kiosk-test"  # Make, so the block holds more than the one tag.
    data = exif.tobytes()
    stored.save(f"exif/orientation-{o}.jpg", quality=95, exif=data)
    stored.save(f"exif/orientation-{o}.png", exif=data)
    stored.save(f"exif/orientation-{o}.webp", lossless=True, exif=data)

stripes = Image.new("L", (4000, 1000))
stripes.putdata([255 if i % 2 == 0 else 0 for i in range(4000)] * 1000)
stripes.convert("RGB").save("stripes-4000.webp", lossless=True)
