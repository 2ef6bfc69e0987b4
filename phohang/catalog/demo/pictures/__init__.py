"""Product illustrations for the demo catalogue, drawn with Pillow: a pouch of tea, a bottle of
fish sauce, a basket of lychees, a glazed vase. One picture per product type, no text on it.

This module is the table of product types; the drawing lives in `canvas`, `food` and `crafts`."""

import random
from collections.abc import Callable

from .canvas import RGB, Canvas
from .crafts import basket, bulbs, cloth, frame, hat, house, rolls, vase
from .food import bottle, fruit, gift_box, jar, pouch, sack

# ---- the product types --------------------------------------------------------------------------

BROWN, GREEN, RED, GOLD, CREAM = (
    (120, 80, 50),
    (46, 110, 60),
    (168, 36, 40),
    (201, 162, 39),
    (245, 236, 215),
)
Drawer = Callable[..., None]

# picture name → (background, drawer, options)
PICTURES: dict[str, tuple[RGB, Drawer, dict]] = {
    "tea": (
        (222, 236, 214),
        pouch,
        {"colour": (40, 95, 60), "contents": (70, 110, 50), "kind": "leaf"},
    ),
    "tea-gift": ((222, 236, 214), gift_box, {"colour": (30, 90, 60), "ribbon": GOLD}),
    "oolong": (
        (226, 232, 210),
        pouch,
        {"colour": (150, 40, 40), "contents": (60, 90, 45), "kind": "bean"},
    ),
    "herbal-tea": (
        (232, 238, 214),
        pouch,
        {"colour": (100, 130, 60), "contents": (120, 140, 70), "kind": "flake", "accent": CREAM},
    ),
    "lotus-tea": ((236, 226, 232), gift_box, {"colour": (190, 90, 130), "ribbon": (90, 150, 90)}),
    "coffee": (
        (236, 224, 208),
        pouch,
        {"colour": (70, 40, 25), "contents": (95, 55, 30), "kind": "bean", "accent": GOLD},
    ),
    "coffee-green": (
        (230, 226, 210),
        sack,
        {"colour": (205, 185, 140), "contents": (160, 165, 120), "accent": BROWN},
    ),
    "rice": (
        (240, 236, 220),
        sack,
        {"colour": (238, 232, 215), "contents": (250, 248, 240), "accent": GREEN},
    ),
    "sticky-rice": (
        (240, 234, 214),
        sack,
        {"colour": (236, 226, 200), "contents": (250, 246, 232), "accent": GOLD},
    ),
    "com": (
        (226, 238, 214),
        pouch,
        {"colour": (90, 150, 70), "contents": (150, 200, 110), "kind": "flake", "accent": CREAM},
    ),
    "noodles": (
        (238, 232, 220),
        pouch,
        {"colour": (200, 170, 120), "contents": (140, 110, 80), "kind": "noodle", "accent": RED},
    ),
    "rice-noodles": (
        (240, 236, 228),
        pouch,
        {"colour": (230, 225, 215), "contents": (245, 242, 235), "kind": "noodle", "accent": GREEN},
    ),
    "rice-paper": (
        (240, 232, 216),
        pouch,
        {"colour": (220, 200, 160), "contents": (245, 238, 220), "kind": "flake", "accent": RED},
    ),
    "nuts": (
        (240, 228, 210),
        pouch,
        {"colour": (150, 60, 40), "contents": (225, 190, 130), "kind": "nut", "accent": GOLD},
    ),
    "chestnut": (
        (236, 226, 214),
        pouch,
        {"colour": (110, 70, 40), "contents": (120, 70, 40), "kind": "bean", "accent": CREAM},
    ),
    "lotus-seed": (
        (236, 232, 220),
        pouch,
        {"colour": (190, 90, 130), "contents": (235, 225, 200), "kind": "bean", "accent": CREAM},
    ),
    "pepper": (
        (232, 228, 216),
        pouch,
        {"colour": (40, 40, 40), "contents": (55, 45, 40), "kind": "grain", "accent": RED},
    ),
    "dried-shrimp": (
        (240, 226, 214),
        pouch,
        {"colour": (190, 60, 40), "contents": (230, 120, 80), "kind": "flake", "accent": GOLD},
    ),
    "dried-fish": (
        (236, 228, 216),
        pouch,
        {"colour": (60, 90, 130), "contents": (190, 140, 90), "kind": "flake", "accent": GOLD},
    ),
    "jerky": (
        (238, 224, 212),
        pouch,
        {"colour": (90, 35, 30), "contents": (140, 60, 40), "kind": "flake", "accent": GOLD},
    ),
    "sea-worm": (
        (232, 232, 224),
        pouch,
        {"colour": (30, 70, 110), "contents": (200, 170, 130), "kind": "noodle", "accent": GOLD},
    ),
    "roots": (
        (234, 230, 214),
        pouch,
        {"colour": (110, 60, 90), "contents": (150, 90, 110), "kind": "flake", "accent": CREAM},
    ),
    "sweet-potato": (
        (240, 230, 212),
        pouch,
        {"colour": (200, 120, 40), "contents": (230, 150, 60), "kind": "flake", "accent": CREAM},
    ),
    "sugar": (
        (240, 236, 224),
        jar,
        {"contents": (235, 215, 170), "lid": (200, 140, 40), "kind": "flake"},
    ),
    "salt": (
        (232, 236, 240),
        jar,
        {"contents": (245, 240, 235), "lid": (40, 90, 150), "kind": "flake"},
    ),
    "shrimp-salt": (
        (240, 228, 218),
        jar,
        {"contents": (220, 110, 70), "lid": (190, 40, 40), "kind": "flake"},
    ),
    "fermented-fish": ((236, 228, 214), jar, {"contents": (150, 100, 60), "lid": (60, 90, 50)}),
    "malt": ((240, 232, 214), jar, {"contents": (220, 170, 80), "lid": (120, 70, 40)}),
    "honey": ((244, 234, 206), jar, {"contents": (214, 150, 30), "lid": (200, 150, 40)}),
    "honey-bottle": (
        (244, 234, 206),
        bottle,
        {"liquid": (200, 130, 20), "cap": (200, 150, 40), "shape": "round"},
    ),
    "fish-sauce": ((236, 228, 214), bottle, {"liquid": (150, 80, 30), "cap": (170, 30, 30)}),
    "soy-sauce": ((234, 226, 214), bottle, {"liquid": (80, 45, 25), "cap": (40, 90, 50)}),
    "spirit": ((228, 232, 236), bottle, {"liquid": (232, 232, 222), "cap": (160, 40, 40)}),
    "fruit-wine": ((236, 226, 230), bottle, {"liquid": (170, 60, 70), "cap": (60, 40, 30)}),
    "essential-oil": (
        (228, 236, 228),
        bottle,
        {"liquid": (120, 150, 60), "cap": (40, 40, 40), "shape": "small"},
    ),
    "milk": (
        (232, 238, 244),
        bottle,
        {"liquid": (248, 248, 244), "cap": (40, 120, 190), "label": (210, 230, 245)},
    ),
    "bird-nest": ((244, 236, 226), gift_box, {"colour": (150, 20, 30), "ribbon": GOLD}),
    "cake-box": (
        (244, 232, 216),
        gift_box,
        {"colour": (190, 40, 40), "ribbon": GOLD, "contents": (225, 190, 120)},
    ),
    "green-cake": (
        (234, 238, 220),
        gift_box,
        {"colour": (60, 120, 60), "ribbon": GOLD, "contents": (200, 215, 140)},
    ),
    "black-cake": (
        (236, 230, 220),
        gift_box,
        {"colour": (110, 60, 40), "ribbon": GOLD, "contents": (50, 40, 35)},
    ),
    "sweets": (
        (240, 230, 220),
        gift_box,
        {"colour": (200, 120, 40), "ribbon": (150, 30, 30), "contents": (240, 220, 180)},
    ),
    "lychee": ((240, 228, 220), fruit, {"colour": (190, 40, 50), "kind": "small"}),
    "longan": ((240, 234, 220), fruit, {"colour": (200, 160, 100), "kind": "small"}),
    "grape": ((232, 226, 236), fruit, {"colour": (110, 40, 90), "kind": "small"}),
    "plum": ((236, 226, 232), fruit, {"colour": (140, 40, 80), "kind": "round"}),
    "orange": ((240, 234, 214), fruit, {"colour": (230, 140, 30), "kind": "round"}),
    "green-orange": ((232, 238, 214), fruit, {"colour": (120, 160, 50), "kind": "round"}),
    "custard-apple": ((230, 238, 220), fruit, {"colour": (140, 180, 100), "kind": "round"}),
    "mango": ((242, 236, 210), fruit, {"colour": (235, 190, 50), "kind": "mango"}),
    "strawberry": ((244, 228, 228), fruit, {"colour": (210, 40, 50), "kind": "berry"}),
    "mangosteen": ((236, 226, 232), fruit, {"colour": (90, 30, 60), "kind": "round"}),
    "pomelo": ((234, 240, 218), fruit, {"colour": (170, 200, 80), "kind": "pomelo"}),
    "durian": ((236, 236, 214), fruit, {"colour": (150, 160, 60), "kind": "durian"}),
    "pineapple": ((242, 236, 210), fruit, {"colour": (220, 170, 50), "kind": "pineapple"}),
    "dragon-fruit": ((242, 228, 234), fruit, {"colour": (210, 50, 110), "kind": "dragon"}),
    "vase-blue": ((226, 232, 240), vase, {"glaze": (238, 240, 242), "pattern": (30, 70, 150)}),
    "vase-crackle": ((236, 232, 222), vase, {"glaze": (220, 205, 170), "pattern": (90, 60, 40)}),
    "vase-green": ((226, 236, 232), vase, {"glaze": (60, 130, 120), "pattern": (230, 220, 180)}),
    "vase-brown": ((238, 230, 222), vase, {"glaze": (130, 70, 40), "pattern": (220, 170, 90)}),
    "teaset": (
        (214, 224, 236),
        vase,
        {"glaze": (238, 240, 242), "pattern": (30, 70, 150), "shape": "teaset"},
    ),
    "teaset-brown": (
        (238, 230, 222),
        vase,
        {"glaze": (120, 70, 45), "pattern": (220, 170, 90), "shape": "teaset"},
    ),
    "bowl": (
        (230, 234, 240),
        vase,
        {"glaze": (240, 240, 236), "pattern": (30, 70, 150), "shape": "bowl"},
    ),
    "basket": ((238, 232, 220), basket, {"colour": (196, 150, 90)}),
    "bamboo": ((232, 236, 220), basket, {"colour": (200, 180, 110)}),
    "sedge": ((236, 234, 220), basket, {"colour": (200, 175, 120), "shape": "mat"}),
    "silk": ((236, 228, 232), cloth, {"colour": (170, 30, 60), "accent": GOLD}),
    "silk-blue": ((228, 232, 240), cloth, {"colour": (40, 80, 150), "accent": (220, 200, 140)}),
    "silk-black": ((232, 230, 228), cloth, {"colour": (30, 28, 30), "accent": (150, 150, 150)}),
    "brocade": (
        (236, 228, 226),
        cloth,
        {"colour": (30, 40, 90), "accent": (210, 50, 60), "pattern": "brocade"},
    ),
    "brocade-red": (
        (240, 230, 226),
        cloth,
        {"colour": (170, 30, 40), "accent": (240, 200, 60), "pattern": "brocade"},
    ),
    "lacquer": ((232, 226, 220), frame, {"scene": "lacquer"}),
    "woodblock": ((238, 232, 218), frame, {"scene": "woodblock"}),
    "conical-hat": ((230, 236, 226), hat, {}),
    "beef-roll": ((240, 230, 222), rolls, {"colour": (160, 110, 100)}),
    "squid-cake": ((240, 234, 224), rolls, {"colour": (230, 190, 120)}),
    "nem": ((232, 238, 222), rolls, {"colour": (200, 120, 110), "wrap": (80, 140, 60)}),
    "garlic": ((236, 234, 226), bulbs, {}),
    "star-anise": ((238, 228, 218), bulbs, {"colour": (120, 50, 30), "kind": "anise"}),
    "cinnamon": ((238, 228, 218), bulbs, {"colour": (150, 85, 45), "kind": "cinnamon"}),
    "homestay": ((226, 236, 240), house, {}),
    "village-tour": ((226, 236, 240), house, {"scene": "tour"}),
}


def picture_webps(name: str, *sizes: int) -> list[bytes]:
    """The picture `name` drawn once, as a square WebP of each of `sizes` pixels (largest first);
    the same name draws the same picture."""
    background, drawer, options = PICTURES[name]
    canvas = Canvas(max(sizes), background)
    drawer(canvas, random.Random(name), **options)
    return canvas.webp(*sizes)


def picture_webp(name: str, size: int) -> bytes:
    return picture_webps(name, size)[0]
