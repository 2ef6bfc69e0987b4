"""Three small Hanoi days written by hand, each plan checked by `verify_plan` and against what a
dispatcher would expect: a night wholesale market, the inner-city truck bans of Decision
01/2026/QĐ-UBND, and the weight classes with their capacities."""

from phohang.logistics.routing import (
    HANOI_TRUCK_RULES,
    Hub,
    Stop,
    StopKind,
    TimeWindow,
    UnservedReason,
    Vehicle,
    clock,
    plan_routes,
    verify_plan,
)

# Chợ đầu mối Long Biên (inside Ring Road 3.5) trades from evening to dawn.
LONG_BIEN_MARKET = Hub(
    "cho-long-bien", 21.0410, 105.8520, TimeWindow(clock("20:00"), clock("06:00", 1))
)
# A supply centre in Hoài Đức, outside the ring, open all day.
HOAI_DUC = Hub("hoai-duc", 21.0350, 105.6950)
HANG_BAC = (21.0340, 105.8530)  # a phở kitchen, Hoàn Kiếm (inner zone)
KIM_MA = (21.0310, 105.8250)  # a school kitchen, Ba Đình (inner zone)
TRUNG_HOA = (21.0120, 105.8000)  # a supermarket, Cầu Giấy (inner zone)
AN_KHANH = (21.0020, 105.7200)  # a shop in Hoài Đức (outside)
DAN_PHUONG = (21.0860, 105.6700)  # a farm in Đan Phượng (outside)


def window(start: str, end: str, end_day: int = 0, start_day: int = 0) -> TimeWindow:
    return TimeWindow(clock(start, start_day), clock(end, end_day))


def stop(id, point, time_window, kg, service_min=10, kind=StopKind.DELIVERY):
    return Stop(id, point[0], point[1], kg, kg / 250, time_window, service_min * 60, kind)


def planned(hubs, vehicles, stops):
    result = plan_routes(
        hubs=hubs, vehicles=vehicles, stops=stops, workers=1, time_limit=10, max_iterations=500
    )
    assert (
        verify_plan(result, hubs=hubs, vehicles=vehicles, stops=stops, rules=HANOI_TRUCK_RULES)
        == []
    )
    served = {v.stop_id: (r.vehicle_id, v) for r in result.routes for v in r.visits}
    unserved = {u.stop_id: u.reason for u in result.unserved}
    assert set(served) | set(unserved) == {s.id for s in stops}  # nothing dropped silently
    return result, served, unserved


def test_night_market_truck_delivers_inside_the_ring_only_at_night():
    truck = Vehicle("xe-8t", "cho-long-bien", 5000, 24.0, 8000, window("20:00", "07:00", 1))
    stops = [
        stop("pho-hang-bac", HANG_BAC, window("22:00", "04:00", 1), 300),
        stop("bep-kim-ma", KIM_MA, window("02:00", "05:00", 1, start_day=1), 800),
        stop("sieu-thi-trung-hoa", TRUNG_HOA, window("23:00", "05:30", 1), 1500),
        # After 06:00 a truck of 2 t or more may not be inside the ring: no vehicle can serve it.
        stop("bep-sang", HANG_BAC, window("06:30", "08:00", 1, start_day=1), 200),
    ]

    result, served, unserved = planned([LONG_BIEN_MARKET], [truck], stops)

    assert unserved == {"bep-sang": UnservedReason.TRUCK_RULE}
    assert set(served) == {"pho-hang-bac", "bep-kim-ma", "sieu-thi-trung-hoa"}
    for _vehicle, visit in served.values():
        assert visit.in_zone
        # Decision 01/2026: 21:00–06:00 only, service included.
        assert clock("21:00") <= visit.arrival_s and visit.departure_s <= clock("06:00", 1)
    (route,) = result.routes
    assert clock("21:00") <= route.depart_s and route.return_s <= clock("06:00", 1)
    assert route.visits[-1].load_kg >= 0


def test_light_van_in_the_inner_city_keeps_out_of_both_peaks():
    van = Vehicle("xe-1t9", "hoai-duc", 950, 6.0, 1950, window("05:00", "23:00"))
    stops = [
        # The evening peak (16:00–19:30) bans vans under 2 t inside the ring: after 19:30.
        stop("sieu-thi-toi", TRUNG_HOA, window("16:00", "20:30"), 200),
        # Entirely inside the morning peak: nobody may serve it.
        stop("bep-sang", KIM_MA, window("06:30", "08:45"), 100),
        # Outside the ring the peak does not apply.
        stop("cua-hang-an-khanh", AN_KHANH, window("07:00", "08:00"), 150),
    ]

    _result, served, unserved = planned([HOAI_DUC], [van], stops)

    assert unserved == {"bep-sang": UnservedReason.TRUCK_RULE}
    evening = served["sieu-thi-toi"][1]
    assert evening.in_zone and evening.start_s >= clock("19:30")
    morning = served["cua-hang-an-khanh"][1]
    assert not morning.in_zone and clock("07:00") <= morning.start_s <= clock("08:00")


def test_weight_classes_split_the_day_between_van_and_truck():
    van = Vehicle("xe-1t9", "hoai-duc", 950, 6.0, 1950, window("05:00", "23:00"))
    truck = Vehicle("xe-8t", "hoai-duc", 5000, 24.0, 8000, window("05:00", "23:00"))
    stops = [
        # 3 t inside the ring by day: only the truck carries it, and it may not enter by day.
        stop("gao-3-tan", KIM_MA, window("09:00", "15:00"), 3000),
        # 800 kg inside the ring by day: the van (under 2 t gross) outside the peaks.
        stop("rau-800kg", HANG_BAC, window("10:00", "15:00"), 800),
        # 3 t outside the ring by day: the truck.
        stop("phan-bon-3-tan", DAN_PHUONG, window("09:00", "15:00"), 3000),
        # 1.2 t: more than the van carries, and inside the ring only at night for the truck.
        stop("thit-1t2", TRUNG_HOA, window("21:30", "22:30"), 1200),
        # More than any vehicle carries.
        stop("xi-mang-6-tan", AN_KHANH, window("08:00", "17:00"), 6000),
    ]

    _result, served, unserved = planned([HOAI_DUC], [van, truck], stops)

    assert unserved == {
        "gao-3-tan": UnservedReason.TRUCK_RULE,
        "xi-mang-6-tan": UnservedReason.ABOVE_CAPACITY,
    }
    assert served["rau-800kg"][0] == "xe-1t9"
    assert served["phan-bon-3-tan"][0] == "xe-8t"
    assert served["thit-1t2"][0] == "xe-8t"
    assert served["thit-1t2"][1].start_s >= clock("21:30")
