"""Draw the app's PNG icons (run once; the PNGs are committed).

The same heart as static/icons/icon.svg: white on NHS blue (#005eb8). Plain Python
(zlib + struct), so no imaging library is needed. Each pixel is supersampled 4x4 for
smooth edges. Usage: ``.venv/bin/python scripts/make_icons.py``.
"""

import struct
import zlib
from pathlib import Path

BLUE = (0x00, 0x5E, 0xB8)
WHITE = (0xFF, 0xFF, 0xFF)
OUT = Path(__file__).resolve().parent.parent / "static" / "icons"
SAMPLES = 4


def in_heart(x: float, y: float) -> bool:
    """The classic heart curve, x and y in about [-1.3, 1.3], y up."""
    return (x * x + y * y - 1) ** 3 - x * x * y**3 <= 0


def in_rounded_square(x: float, y: float, radius: float) -> bool:
    """x, y in [0, 1]; corner radius as a fraction of the side."""
    cx = min(max(x, radius), 1 - radius)
    cy = min(max(y, radius), 1 - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius**2


def draw(size: int, heart_scale: float, corner: float | None, background: bool = True):
    rows = []
    for py in range(size):
        row = bytearray([0])  # filter type: none
        for px in range(size):
            bg = heart = 0
            for sy in range(SAMPLES):
                for sx in range(SAMPLES):
                    u = (px + (sx + 0.5) / SAMPLES) / size
                    v = (py + (sy + 0.5) / SAMPLES) / size
                    if corner is None or in_rounded_square(u, v, corner):
                        bg += 1
                    hx = (u - 0.5) * 2.6 / heart_scale
                    hy = -(v - 0.52) * 2.6 / heart_scale
                    if in_heart(hx, hy):
                        heart += 1
            total = SAMPLES * SAMPLES
            if not background:
                row += bytes((*WHITE, round(255 * heart / total)))
                continue
            alpha = bg / total
            h = heart / max(bg, 1)
            colour = [round(b * (1 - h) + w * h) for b, w in zip(BLUE, WHITE, strict=True)]
            row += bytes((*colour, round(255 * alpha)))
        rows.append(bytes(row))
    return png(size, b"".join(rows))


def png(size: int, raw: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


ICONS = {
    # name: (size, heart scale, corner radius or None for full bleed, background)
    "icon-192.png": (192, 0.62, 0.19, True),
    "icon-512.png": (512, 0.62, 0.19, True),
    # Maskable: full bleed, the heart inside the central 80% safe zone.
    "maskable-192.png": (192, 0.48, None, True),
    "maskable-512.png": (512, 0.48, None, True),
    # iOS adds its own rounded corners and shows transparency as black.
    "apple-touch-icon.png": (180, 0.58, None, True),
    # Android's small status-bar icon: white shape on transparent.
    "badge-96.png": (96, 0.8, None, False),
}

if __name__ == "__main__":
    for name, (size, scale, corner, background) in ICONS.items():
        (OUT / name).write_bytes(draw(size, scale, corner, background))
        print(f"Wrote {OUT / name}")
