"""Receipt document -> preview image at the printer's dot width and column grid.

Each column is DOTS/COLUMNS = 12 dots wide (a Chinese character two columns), so the preview
aligns exactly as the paper does. QR codes are drawn with `qrcode`, the receipt-number barcode
from python-barcode's CODE128 modules; tests decode both from the image.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import qrcode
from barcode import Code128
from PIL import Image, ImageDraw, ImageFont

from .receipt import Laid, Line, QRCode, Receipt, char_width, layout

FONT_FILE = Path(__file__).resolve().parents[1] / "resources" / "fonts" / "wqy-microhei.ttc"
COL_DOTS = 12
LINE_DOTS = 28
MARGIN = 8


@lru_cache(maxsize=4)
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_FILE), size)


def qr_image(data: str, box: int = 4) -> Image.Image:
    code = qrcode.QRCode(box_size=box, border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(data)
    code.make(fit=True)
    image: Image.Image = code.make_image(fill_color="black", back_color="white").get_image().convert("L")
    return image


def barcode_image(data: str, module: int = 2, height: int = 70) -> Image.Image:
    modules = Code128(data).build()[0]
    quiet = 10
    image = Image.new("L", ((len(modules) + 2 * quiet) * module, height), 255)
    draw = ImageDraw.Draw(image)
    for i, bit in enumerate(modules):
        if bit == "1":
            x = (i + quiet) * module
            draw.rectangle([x, 0, x + module - 1, height - 1], fill=0)
    return image


def preview(receipt: Receipt, paper_mm: int = 58) -> Image.Image:
    return draw(layout(receipt, paper_mm))


def draw(laid: Laid) -> Image.Image:
    parts: list[Image.Image | Line] = []
    height = 2 * MARGIN
    for item in laid.lines:
        if isinstance(item, Line):
            height += LINE_DOTS * (2 if item.big else 1)
            parts.append(item)
        else:
            image = qr_image(item.data) if isinstance(item, QRCode) else barcode_image(item.data)
            if image.width > laid.dots:
                image = image.resize((laid.dots, image.height * laid.dots // image.width))
            height += image.height + 8
            parts.append(image)
    page = Image.new("L", (laid.dots + 2 * MARGIN, height), 255)
    pen = ImageDraw.Draw(page)
    y = MARGIN
    for part in parts:
        if isinstance(part, Line):
            scale = 2 if part.big else 1
            font = _font(22 * scale)
            x = MARGIN
            for ch in part.text:
                w = char_width(ch) * COL_DOTS * scale
                if ch != " ":
                    pen.text((x + w / 2, y + LINE_DOTS * scale / 2), ch, font=font, fill=0, anchor="mm")
                    if part.bold:
                        pen.text((x + w / 2 + 1, y + LINE_DOTS * scale / 2), ch, font=font, fill=0, anchor="mm")
                x += w
            y += LINE_DOTS * scale
        else:
            page.paste(part, (MARGIN + (laid.dots - part.width) // 2, y + 4))
            y += part.height + 8
    return page
