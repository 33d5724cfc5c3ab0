"""Pictures for the demo, drawn locally with Pillow: no stock photos, no network."""

import hashlib
import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model

PALETTES = [
    ((0, 66, 107), (0, 130, 160)),
    ((90, 20, 60), (180, 60, 90)),
    ((20, 80, 40), (90, 160, 80)),
    ((60, 60, 70), (140, 140, 160)),
    ((120, 60, 0), (220, 140, 40)),
    ((30, 30, 90), (90, 90, 200)),
]


def _font(size):
    try:
        return ImageFont.truetype("DejaVuSans-Bold.ttf", size)
    except OSError:
        return ImageFont.load_default(size=size)


def draw_picture(label, width=1200, height=675, seed=0):
    """A gradient with simple shapes and a label, as JPEG bytes."""
    top, bottom = PALETTES[seed % len(PALETTES)]
    picture = PILImage.new("RGB", (width, height), top)
    draw = ImageDraw.Draw(picture)
    for y in range(height):
        mix = y / height
        colour = tuple(int(a + (b - a) * mix) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)
    digest = hashlib.sha256(f"{label}{seed}".encode()).digest()
    for i in range(6):
        x, y, r = digest[i] * width // 255, digest[i + 6] * height // 255, 40 + digest[i + 12]
        draw.ellipse([x - r, y - r, x + r, y + r], outline=(255, 255, 255), width=4)
    draw.text((60, height - 140), label, fill=(255, 255, 255), font=_font(width // 20))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def draw_portrait(name, seed=0):
    """A square portrait placeholder with the person's initials."""
    size = 400
    top, _ = PALETTES[seed % len(PALETTES)]
    picture = PILImage.new("RGB", (size, size), top)
    draw = ImageDraw.Draw(picture)
    initials = "".join(
        part[0] for part in name.replace("Dr ", "").replace("Professor ", "").split()[:2]
    )
    font = _font(160)
    box = draw.textbbox((0, 0), initials, font=font)
    draw.text(
        ((size - (box[2] - box[0])) / 2, (size - (box[3] - box[1])) / 2 - box[1]),
        initials,
        fill=(255, 255, 255),
        font=font,
    )
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def get_or_create_image(title, draw, description=""):
    """A Wagtail image with this title, drawn (by calling `draw`) only the first time."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    filename = title.lower().replace(" ", "-").replace("&", "and")[:60] + ".jpg"
    image = Image(title=title, description=description)
    image.file = ImageFile(io.BytesIO(draw()), name=filename)
    image.save()
    return image
