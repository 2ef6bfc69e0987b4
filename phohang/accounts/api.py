from ninja import Router, Schema

router = Router(tags=["accounts"])


class MeOut(Schema):
    id: int
    full_name: str
    email: str | None
    phone: str | None
    role: str


@router.get("/me", response=MeOut, summary="The authenticated user")
def me(request):
    user = request.auth
    return {
        "id": user.pk,
        "full_name": user.full_name,
        "email": user.email,
        "phone": user.phone,
        "role": str(user.primary_role),
    }
