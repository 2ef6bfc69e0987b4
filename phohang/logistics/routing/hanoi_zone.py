"""The area inside Hanoi's Ring Road 3.5 (Vành đai 3,5), where the truck rules apply.

Decision 01/2026/QĐ-UBND (in force from 15 January 2026) restricts trucks inside Ring Road 3.5.
The polygon below follows the ring's course as planned and built, vertex by vertex, from
named places on it (latitude, longitude, WGS 84, clockwise from the north-west):

- west and south (built and under construction): Thượng Cát bridge over the Red River, the
  Tây Thăng Long road through Liên Mạc, Thượng Cát and Tây Tựu (Bắc Từ Liêm), the western
  edge of Nam Từ Liêm and Hoài Đức to the interchange with Thăng Long Boulevard at An Khánh,
  Lê Trọng Tấn through Dương Nội and Yên Nghĩa (Hà Đông), Cự Khê and Bích Hòa (Thanh Oai),
  Tả Thanh Oai (Thanh Trì), the Pháp Vân–Cầu Giẽ expressway and National Road 1 at Ngọc Hồi,
  and the Ngọc Hồi bridge site on the Red River;
- east and north (the planned course): Bát Tràng and Đa Tốn, Trâu Quỳ and Kiêu Kỵ, Phú Thị
  and Yên Viên (Gia Lâm), south of Cổ Loa and Đông Anh town, Nam Hồng and Kim Chung (Đông Anh)
  back to the north end of Thượng Cát bridge.

Vertices are placed to within a few hundred metres from map reading, not surveyed; staff
can replace the polygon (it is data: `TruckRules.zone`). Central Hanoi, Long Biên, Mỹ Đình,
Hà Đông and Linh Đàm fall inside; Nội Bài, Sóc Sơn, Sơn Tây, Hòa Lạc and Thường Tín outside.
"""

RING_ROAD_3_5: tuple[tuple[float, float], ...] = (
    (21.1130, 105.7420),  # Thượng Cát bridge, north bank (Đại Mạch, Đông Anh)
    (21.1265, 105.7800),  # Kim Chung – Võng La (Đông Anh)
    (21.1390, 105.8250),  # Nam Hồng, Bắc Thăng Long (Đông Anh)
    (21.1250, 105.8800),  # south of Cổ Loa (Đông Anh)
    (21.0950, 105.9250),  # Yên Viên – Đình Xuyên (Gia Lâm)
    (21.0500, 105.9500),  # Phú Thị – Dương Xá (Gia Lâm)
    (21.0050, 105.9550),  # Trâu Quỳ – Kiêu Kỵ (Gia Lâm)
    (20.9650, 105.9250),  # Đa Tốn – Bát Tràng (Gia Lâm)
    (20.9330, 105.8880),  # Ngọc Hồi bridge site on the Red River (Thanh Trì)
    (20.9250, 105.8500),  # Pháp Vân–Cầu Giẽ expressway, Ngọc Hồi (Thanh Trì)
    (20.9330, 105.8100),  # Tả Thanh Oai – Tam Hiệp (Thanh Trì)
    (20.9350, 105.7750),  # Cự Khê – Bích Hòa (Thanh Oai)
    (20.9600, 105.7450),  # Phú Lãm – Yên Nghĩa, National Road 6 (Hà Đông)
    (20.9850, 105.7350),  # Dương Nội, Lê Trọng Tấn (Hà Đông)
    (21.0050, 105.7200),  # Thăng Long Boulevard interchange, An Khánh (Hoài Đức)
    (21.0300, 105.7180),  # Di Trạch – Tây Mỗ (Hoài Đức / Nam Từ Liêm)
    (21.0600, 105.7250),  # Tây Tựu – Minh Khai (Bắc Từ Liêm)
    (21.0850, 105.7300),  # Liên Mạc – Thượng Cát, Tây Thăng Long road (Bắc Từ Liêm)
    (21.0985, 105.7345),  # Thượng Cát bridge, south bank (Bắc Từ Liêm)
)
