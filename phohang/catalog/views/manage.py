"""The seller's product manager: create, edit, duplicate, publish, hide, stock, images, import."""

from collections.abc import Callable
from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from phohang.accounts.models import Role
from phohang.core.access import roles_required
from phohang.core.audit import audit_context_from_request
from phohang.sellers.selectors import membership_for_user

from .. import selectors, services
from ..forms import ImageForm, ImportForm, ProductForm, StockForm, VariantFormSet
from ..models import ImportJob, Product, ProductImage
from ..services import imports

SELLER = [Role.SELLER]


def _seller(request):
    membership = membership_for_user(request.user)
    if membership is None:
        raise PermissionDenied
    return membership.seller


def _next(request, default: str, **kwargs):
    """Only same-site paths under /shop/ are followed, never another host."""
    target = request.POST.get("next", "")
    if target.startswith("/shop/") and "//" not in target and "\\" not in target:
        return redirect(target)
    return redirect(default, **kwargs)


def _apply_errors(error: ValidationError, form, formset) -> None:
    """Attach a service's ValidationError to the form field it names, or to the form."""
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            target = field if field in form.fields else None
            for message in messages_:
                if target is None and formset is not None and field in formset.form.base_fields:
                    formset.non_form_errors().append(message)
                else:
                    form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


@roles_required(SELLER)
@require_GET
def product_list(request):
    seller = _seller(request)
    status = request.GET.get("status", "")
    low_stock = request.GET.get("low_stock") == "1"
    query = request.GET.get("q", "")[:100]
    products = selectors.product_list_for_seller(
        seller, status=status, low_stock=low_stock, query=query
    )
    page = Paginator(products, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "catalog/manage/product_list.html",
        {
            "seller": seller,
            "page": page,
            "status": status,
            "low_stock": low_stock,
            "query": query,
            "statuses": Product.Status.choices,
            "low_variants": selectors.low_stock_variants(seller),
            "recent_imports": ImportJob.objects.filter(seller=seller)[:5],
        },
    )


def _variant_initial(product: Product) -> list[dict]:
    return [
        {
            "id": variant.pk,
            "name": variant.name,
            "sku": variant.sku,
            "gtin": variant.gtin,
            "price": f"{variant.price_vnd:,}".replace(",", "."),
            "weight_grams": variant.weight_grams,
            "stock_on_hand": variant.stock_on_hand,
            "low_stock_threshold": variant.low_stock_threshold,
            "tiers": ", ".join(
                f"{tier.min_quantity}: {tier.price_vnd}" for tier in variant.wholesale_tiers.all()
            ),
        }
        for variant in product.variants.all()
    ]


def _variants_from(formset) -> list[dict]:
    return [
        form.as_service_data()
        for form in formset.forms
        if form.has_changed() or form.cleaned_data.get("id")
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


def _product_page(
    request, seller, form, formset, save: Callable[..., Product], saved: str, **extra
):
    """The product form page. On a valid POST, `save` the form's fields and variants and go to
    the product's edit page; where the service refuses, its errors show on the forms (400)."""
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        fields = {name: form.cleaned_data[name] for name in ProductForm.Meta.fields}
        try:
            product = save(
                context=audit_context_from_request(request),
                variants=_variants_from(formset),
                **fields,
            )
        except ValidationError as error:
            _apply_errors(error, form, formset)
        else:
            messages.success(request, saved)
            return redirect("catalog:manage_edit", public_id=product.public_id)
    return render(
        request,
        "catalog/manage/product_form.html",
        {"form": form, "formset": formset, "seller": seller, **extra},
        status=400 if request.method == "POST" else 200,
    )


@roles_required(SELLER)
@require_http_methods(["GET", "POST"])
def product_create(request):
    seller = _seller(request)
    form = ProductForm(request.POST or None, initial={"origin_province": seller.province_id})
    formset = VariantFormSet(request.POST or None, prefix="variants")
    save = partial(services.product_create, seller=seller)
    return _product_page(
        request, seller, form, formset, save, _("The product was saved as a draft.")
    )


@roles_required(SELLER)
@require_http_methods(["GET", "POST"])
def product_edit(request, public_id):
    seller = _seller(request)
    product = selectors.product_get_for_seller(seller, public_id)
    form = ProductForm(request.POST or None, instance=product)
    formset = VariantFormSet(
        request.POST or None, prefix="variants", initial=_variant_initial(product)
    )
    stock_forms = [
        (variant, StockForm(initial={"variant": variant.pk, "on_hand": variant.stock_on_hand}))
        for variant in product.variants.all()
    ]
    save = partial(services.product_update, product=product)
    return _product_page(
        request,
        seller,
        form,
        formset,
        save,
        _("Changes saved."),
        product=product,
        image_form=ImageForm(),
        stock_forms=stock_forms,
    )


def _state_action(request, public_id, action):
    seller = _seller(request)
    product = selectors.product_get_for_seller(seller, public_id)
    try:
        result = action(product=product, context=audit_context_from_request(request))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return None, product
    return result, product


def _status_change(request, public_id, action, done: str):
    result, _product = _state_action(request, public_id, action)
    if result is not None:
        messages.success(request, done)
    return _next(request, "catalog:manage_list")


@roles_required(SELLER)
@require_POST
def product_publish(request, public_id):
    published = _("The product is published.")
    return _status_change(request, public_id, services.product_publish, published)


@roles_required(SELLER)
@require_POST
def product_hide(request, public_id):
    hidden = _("The product is hidden from buyers.")
    return _status_change(request, public_id, services.product_hide, hidden)


@roles_required(SELLER)
@require_POST
def product_duplicate(request, public_id):
    result, product = _state_action(request, public_id, services.product_duplicate)
    if result is None:
        return redirect("catalog:manage_edit", public_id=product.public_id)
    messages.success(request, _("A draft copy was created. Check its SKUs and stock."))
    return redirect("catalog:manage_edit", public_id=result.public_id)


@roles_required(SELLER)
@require_POST
def product_delete(request, public_id):
    seller = _seller(request)
    product = selectors.product_get_for_seller(seller, public_id)
    try:
        services.product_delete(product=product, context=audit_context_from_request(request))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("catalog:manage_edit", public_id=product.public_id)
    messages.success(request, _("The product was deleted."))
    return redirect("catalog:manage_list")


@roles_required(SELLER)
@require_POST
def stock_update(request, public_id):
    seller = _seller(request)
    product = selectors.product_get_for_seller(seller, public_id)
    form = StockForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a whole number of units, 0 or more."))
        return redirect("catalog:manage_edit", public_id=product.public_id)
    variant = get_object_or_404(product.variants, pk=form.cleaned_data["variant"])
    try:
        services.stock_set(
            variant_id=variant.pk,
            on_hand=form.cleaned_data["on_hand"],
            actor=request.user,
            context=audit_context_from_request(request),
        )
    except services.OutOfStock:
        messages.error(
            request,
            _("Stock cannot be lower than the %(reserved)s units reserved by orders.")
            % {"reserved": variant.stock_reserved},
        )
    else:
        messages.success(request, _("Stock updated."))
    return _next(request, "catalog:manage_edit", public_id=product.public_id)


@roles_required(SELLER)
@require_POST
def image_add(request, public_id):
    seller = _seller(request)
    product = selectors.product_get_for_seller(seller, public_id)
    form = ImageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.product_image_add(
                product=product,
                upload=form.cleaned_data["image"],
                context=audit_context_from_request(request),
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Image added."))
    else:
        messages.error(request, _("Choose an image file."))
    return redirect("catalog:manage_edit", public_id=product.public_id)


@roles_required(SELLER)
@require_POST
def image_action(request, public_id, image_id: int):
    seller = _seller(request)
    product = selectors.product_get_for_seller(seller, public_id)
    image = get_object_or_404(ProductImage, pk=image_id, product=product)
    context = audit_context_from_request(request)
    if request.POST.get("action") == "cover":
        services.product_image_make_cover(image=image, context=context)
    else:
        services.product_image_delete(image=image, context=context)
    return redirect("catalog:manage_edit", public_id=product.public_id)


# ---- import / export -----------------------------------------------------------------------


@roles_required(SELLER)
@require_http_methods(["GET", "POST"])
def import_upload(request):
    seller = _seller(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = imports.import_job_create(
                seller=seller, user=request.user, upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            return redirect("catalog:import_detail", public_id=job.public_id)
    return render(
        request,
        "catalog/manage/import_upload.html",
        {
            "form": form,
            "seller": seller,
            "columns": imports.COLUMNS,
            "max_rows": imports.MAX_IMPORT_ROWS,
        },
        status=400 if request.method == "POST" else 200,
    )


@roles_required(SELLER)
@require_http_methods(["GET", "POST"])
def import_detail(request, public_id):
    seller = _seller(request)
    job = get_object_or_404(ImportJob, public_id=public_id, seller=seller)
    if request.method == "POST":
        try:
            imports.import_job_start(
                job=job,
                publish=request.POST.get("publish") == "1",
                context=audit_context_from_request(request),
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        return redirect("catalog:import_detail", public_id=job.public_id)
    job.refresh_from_db()
    template = (
        "catalog/manage/partials/_import_status.html"
        if getattr(request, "htmx", False)
        else "catalog/manage/import_detail.html"
    )
    return render(request, template, {"job": job, "seller": seller})


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@roles_required(SELLER)
@require_GET
def import_template(request, extension: str):
    rows = imports.template_rows()
    if extension == "xlsx":
        return _download(imports.write_xlsx(rows), "mau-nhap-san-pham.xlsx", XLSX_TYPE)
    return _download(imports.write_csv(rows), "mau-nhap-san-pham.csv", "text/csv; charset=utf-8")


@roles_required(SELLER)
@require_GET
def export(request, extension: str):
    seller = _seller(request)
    rows = imports.export_rows(seller)
    name = f"san-pham-{seller.slug}"
    if extension == "xlsx":
        return _download(imports.write_xlsx(rows), f"{name}.xlsx", XLSX_TYPE)
    return _download(imports.write_csv(rows), f"{name}.csv", "text/csv; charset=utf-8")
