"""The one maintained vocabulary of manufacturing processes, in Vietnamese and English.

A code never changes once used; names and the extra search words may. Capability search folds the
names and words with `core.text.search_fold`, so "ep nhua" finds "ép nhựa" and "plastic injection".
"""

from dataclasses import dataclass

from django.utils.translation import get_language


@dataclass(frozen=True)
class Process:
    code: str
    name_vi: str
    name_en: str
    words: str = ""  # other names people type (vi and en), for search only

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "vi").startswith("en") else self.name_vi


PROCESSES: tuple[Process, ...] = (
    Process(
        "plastic_injection", "Ép nhựa", "Plastic injection moulding", "ép phun nhựa khuôn nhựa"
    ),
    Process("blow_moulding", "Thổi nhựa", "Blow moulding", "thổi chai nhựa"),
    Process("rubber_moulding", "Lưu hóa cao su", "Rubber moulding", "đúc cao su gioăng"),
    Process("die_casting", "Đúc áp lực", "Die casting", "đúc nhôm đúc kẽm"),
    Process("sand_casting", "Đúc cát", "Sand casting", "đúc gang đúc thép"),
    Process("forging", "Rèn dập nóng", "Forging", "rèn"),
    Process("stamping", "Dập kim loại tấm", "Metal stamping", "dập khuôn dập press"),
    Process("cnc_machining", "Gia công CNC", "CNC machining", "phay tiện cnc milling turning"),
    Process(
        "sheet_metal", "Gia công kim loại tấm", "Sheet metal fabrication", "chấn gấp cắt laser"
    ),
    Process("welding", "Hàn", "Welding", "hàn robot hàn tig mig"),
    Process("mould_making", "Chế tạo khuôn mẫu", "Mould and die making", "khuôn mẫu tooling"),
    Process("pcb_assembly", "Lắp ráp bo mạch (PCBA)", "PCB assembly", "smt dán linh kiện pcba"),
    Process("wire_harness", "Bó dây điện", "Wire harness assembly", "dây điện ô tô cable"),
    Process("surface_treatment", "Xử lý bề mặt", "Surface treatment", "anod hóa anodising"),
    Process("electroplating", "Mạ điện", "Electroplating", "mạ kẽm mạ niken mạ crom"),
    Process("powder_coating", "Sơn tĩnh điện", "Powder coating", "sơn phủ"),
    Process("heat_treatment", "Nhiệt luyện", "Heat treatment", "tôi ram thấm carbon"),
    Process("precision_grinding", "Mài chính xác", "Precision grinding", "mài"),
    Process(
        "packaging_printing", "In và sản xuất bao bì", "Packaging and printing", "bao bì carton"
    ),
    Process("textile_cut_sew", "Cắt may", "Cut and sew", "may mặc dệt may garment"),
    Process("electronics_assembly", "Lắp ráp điện tử", "Electronics assembly", "lắp ráp thiết bị"),
    Process("mechanical_assembly", "Lắp ráp cơ khí", "Mechanical assembly", "lắp ráp cụm chi tiết"),
)
PROCESS_BY_CODE = {process.code: process for process in PROCESSES}
PROCESS_CHOICES = [(process.code, process.name_vi) for process in PROCESSES]


def process_name(code: str) -> str:
    process = PROCESS_BY_CODE.get(code)
    return process.name if process else code
