"""What the demo's supporting-industry manufacturers are made of."""

# What a kind of supplier does: (trade name part, processes, materials, tolerance mm, customers)
SPECIALTIES = [
    (
        "Nhựa kỹ thuật",
        ("plastic_injection", "mould_making"),
        "ABS, PC, PA66, POM",
        "0.02",
        "Canon, Brother, Panasonic",
    ),
    (
        "Nhựa chính xác",
        ("plastic_injection", "blow_moulding", "packaging_printing"),
        "PP, PE, PET",
        "0.05",
        "Unilever, Masan",
    ),
    (
        "Cơ khí chính xác",
        ("cnc_machining", "precision_grinding", "heat_treatment"),
        "Thép SKD11, SUS304, nhôm 6061",
        "0.005",
        "Samsung, Denso, Yamaha",
    ),
    (
        "Đúc nhôm",
        ("die_casting", "cnc_machining", "surface_treatment"),
        "Nhôm ADC12, kẽm ZA",
        "0.05",
        "Honda, Piaggio, VinFast",
    ),
    (
        "Đúc gang thép",
        ("sand_casting", "cnc_machining"),
        "Gang cầu, thép C45",
        "0.1",
        "Thaco, Hòa Phát",
    ),
    (
        "Dập kim loại",
        ("stamping", "mould_making", "welding"),
        "Thép tấm SPCC, inox, đồng",
        "0.05",
        "Canon, Toyota Boshoku",
    ),
    (
        "Kim loại tấm",
        ("sheet_metal", "welding", "powder_coating"),
        "Thép tấm, nhôm tấm",
        "0.1",
        "Schneider, ABB",
    ),
    (
        "Điện tử",
        ("pcb_assembly", "electronics_assembly"),
        "FR4, linh kiện SMD",
        "",
        "Samsung, LG, Foxconn",
    ),
    (
        "Dây cáp điện",
        ("wire_harness", "electronics_assembly"),
        "Đồng, PVC, XLPE",
        "",
        "Sumitomo, Yazaki, VinFast",
    ),
    ("Xi mạ", ("electroplating", "surface_treatment"), "Kẽm, niken, crom", "", "Honda, Yamaha"),
    (
        "Cao su kỹ thuật",
        ("rubber_moulding", "mould_making"),
        "EPDM, NBR, silicone",
        "0.1",
        "Toyota, Ford",
    ),
    (
        "Khuôn mẫu",
        ("mould_making", "cnc_machining", "heat_treatment"),
        "Thép NAK80, SKD61",
        "0.005",
        "Canon, Panasonic",
    ),
    ("Bao bì", ("packaging_printing",), "Carton 5 lớp, giấy Kraft", "", "Samsung, Vinamilk"),
    ("May mặc kỹ thuật", ("textile_cut_sew",), "Vải kỹ thuật, da", "", "Uniqlo, Decathlon"),
    (
        "Lắp ráp cơ điện",
        ("mechanical_assembly", "electronics_assembly", "welding"),
        "Thép, nhôm, linh kiện điện",
        "0.1",
        "Mitsubishi Electric, Daikin",
    ),
    (
        "Rèn dập",
        ("forging", "cnc_machining", "heat_treatment"),
        "Thép hợp kim 40Cr",
        "0.05",
        "Honda, Thaco",
    ),
]
NAME_FORMS = ("Công ty TNHH", "Công ty CP", "Công ty TNHH MTV")
BRANDS = (
    "Tân Phát",
    "Hưng Thịnh",
    "Minh Khang",
    "Việt Nhật",
    "Đại Dương",
    "Thành Công",
    "An Phú",
    "Hồng Hà",
    "Sông Đà",
    "Kim Long",
    "Phúc Lợi",
    "Bảo Minh",
    "Trường Sơn",
    "Thăng Long",
    "Đông Á",
    "Nam Việt",
    "Phú Thành",
    "Hòa Bình",
    "Quang Trung",
    "Tiến Đạt",
    "Hải Âu",
    "Vạn Xuân",
    "Ngọc Khánh",
    "Đức Thịnh",
    "Lạc Hồng",
    "Sao Mai",
    "Bình Minh",
    "Tuấn Anh",
    "Gia Bảo",
    "Thịnh Vượng",
    "Việt Hàn",
    "Hoàng Gia",
    "Toàn Cầu",
    "Kỳ Anh",
    "Nhật Tân",
)
# Provinces of supporting industries, weighted towards the Hanoi region.
MAKER_PROVINCES = (
    ("01",) * 8
    + ("24",) * 3
    + ("31",) * 2
    + ("33",) * 2
    + ("25",) * 2
    + (
        "19",
        "79",
        "79",
        "75",
        "48",
        "37",
    )
)
KEY_PRODUCTS = (
    "Linh kiện nhựa kỹ thuật cho máy in",
    "Khuôn ép nhựa chính xác",
    "Bo mạch điện tử điều khiển",
    "Bộ dây điện ô tô",
    "Chi tiết đúc nhôm xe máy",
    "Chi tiết cơ khí chính xác cho thiết bị y tế",
)
