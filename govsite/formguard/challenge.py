"""The captcha's characters and picture (I1: abuse of public forms); pure Python and Pillow.

The characters come from a secret-keyed digest of the challenge's nonce, so any process can redraw
and check a challenge without shared state. The picture is drawn from the same digest: one
challenge always gives the same picture, so fetching it many times and averaging out the noise
gains nothing.
"""

from __future__ import annotations

import io
import math
import random
import unicodedata
from functools import cache

from PIL import Image, ImageDraw, ImageFont

# Digits and capitals without 0/O and 1/I, which people confuse: 32 symbols, 5 bits each.
ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
LENGTH = 5
WIDTH, HEIGHT = 160, 56
GLYPH_BOX = 48


def answer_from_digest(digest: bytes) -> str:
    """Five characters of ALPHABET from the first five bytes of a digest (32 divides 256: no bias)."""
    return "".join(ALPHABET[byte % len(ALPHABET)] for byte in digest[:LENGTH])


def answers_match(given: str, expected: str) -> bool:
    """Case and width do not matter (a Chinese input method may type ＡＢ１); spaces are ignored."""
    typed = unicodedata.normalize("NFKC", given).replace(" ", "").upper()
    return typed == expected.upper()


@cache
def _font() -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """Pillow's built-in Aileron face: no font file, nothing downloaded."""
    return ImageFont.load_default(size=34)


def _dark(rng: random.Random) -> tuple[int, int, int]:
    return (rng.randint(10, 110), rng.randint(10, 110), rng.randint(10, 110))


def _glyph(char: str, rng: random.Random) -> Image.Image:
    """One character as a mask, rotated by up to 22 degrees either way."""
    mask = Image.new("L", (GLYPH_BOX, GLYPH_BOX), 0)
    ImageDraw.Draw(mask).text((GLYPH_BOX / 2, GLYPH_BOX / 2), char, font=_font(), fill=255, anchor="mm")
    return mask.rotate(rng.uniform(-22, 22), resample=Image.Resampling.BICUBIC)


def _wave(image: Image.Image, rng: random.Random) -> Image.Image:
    """Shift thin vertical strips along a sine, so characters are bent rather than upright."""
    waved = image.copy()
    amplitude, period, phase = rng.uniform(2, 4), rng.uniform(40, 70), rng.uniform(0, 2 * math.pi)
    for x in range(0, WIDTH, 4):
        shift = round(amplitude * math.sin(2 * math.pi * x / period + phase))
        waved.paste(image.crop((x, 0, x + 4, HEIGHT)), (x, shift))
    return waved


def render_png(text: str, seed: bytes) -> bytes:
    """The picture: dark characters, rotated, offset and bent, on a light speckled ground, lines across."""
    rng = random.Random(seed)
    background = (rng.randint(228, 250), rng.randint(228, 250), rng.randint(228, 250))
    image = Image.new("RGB", (WIDTH, HEIGHT), background)
    draw = ImageDraw.Draw(image)
    for _ in range(160):
        shade = rng.randint(120, 200)
        draw.point((rng.randrange(WIDTH), rng.randrange(HEIGHT)), fill=(shade, shade, shade))
    step = (WIDTH - 16) / len(text)
    for index, char in enumerate(text):
        x = round(8 + index * step + step / 2 - GLYPH_BOX / 2 + rng.uniform(-3, 3))
        y = round((HEIGHT - GLYPH_BOX) / 2 + rng.uniform(-5, 5))
        image.paste(_dark(rng), (x, y, x + GLYPH_BOX, y + GLYPH_BOX), _glyph(char, rng))
    image = _wave(image, rng)
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(3, 4)):
        start = (rng.randrange(0, WIDTH // 3), rng.randrange(HEIGHT))
        end = (rng.randrange(2 * WIDTH // 3, WIDTH), rng.randrange(HEIGHT))
        draw.line([start, end], fill=_dark(rng), width=rng.choice((1, 2)))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()
