import pytest
from hypothesis.stateful import run_state_machine_as_test
from phohang.orders.services import state
from phohang.payments.tests.test_reliability import OrderPaymentMachine, pay11_settings

@pytest.mark.django_db
@pytest.mark.parametrize("mutation", ["reopen", "no_release"])
def test_mutant_is_caught(monkeypatch, mutation):
    if mutation == "reopen":
        monkeypatch.setitem(state.TRANSITIONS, (state.S.CANCELLED, state.S.PAID), frozenset({state.Actor.PAYMENT}))
    else:
        original = state._stock_effect
        def effect(order, to_status):
            if to_status == state.S.CANCELLED:
                return {}
            return original(order, to_status)
        monkeypatch.setattr(state, "_stock_effect", effect)
    with pytest.raises(AssertionError):
        run_state_machine_as_test(OrderPaymentMachine, settings=pay11_settings())
