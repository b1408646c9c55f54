"""HTML for product cards, the cart panel and the shopper's profile line.

Every catalog string and every message goes through `html.escape` here: catalog text comes from
imported data and may contain markup or script, and this HTML is inserted into the page as is.
Image URLs are used only when they are http(s); anything else gets a placeholder tile.
"""

from __future__ import annotations

import hashlib
import re
from html import escape

from assistant.cart import items
from assistant.money import DEFAULT_CURRENCY, format_price
from assistant.types import Candidate, Product

CSS = """
#sa-lm-note { font-size: 13px; opacity: .8; }
.sa-cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(140px, 1fr)); gap: 10px; }
.sa-card { border: 1px solid var(--border-color-primary); border-radius: 10px; overflow: hidden;
  background: var(--background-fill-primary); display: flex; flex-direction: column; }
.sa-img { height: 72px; position: relative; display: flex; align-items: center; justify-content: center;
  color: #fff; font-size: 28px; font-weight: 700; letter-spacing: 1px; }
.sa-img img { position: absolute; inset: 0; width: 100%; height: 100%; object-fit: cover; background: #fff; }
.sa-body { padding: 8px 10px 10px; display: flex; flex-direction: column; gap: 3px; flex: 1; }
.sa-rank { font-size: 11px; opacity: .65; }
.sa-title { font-size: 13px; font-weight: 600; line-height: 1.25; margin: 0; }
.sa-brand { font-size: 12px; opacity: .8; }
.sa-price { font-size: 15px; font-weight: 700; }
.sa-rating { font-size: 12px; color: #92400e; }
.sa-why summary { font-size: 12px; cursor: pointer; color: var(--link-text-color, #2563eb); }
.sa-why ul { margin: 4px 0 0 16px; padding: 0; font-size: 12px; }
.sa-add { margin-top: auto; padding: 6px 8px; border-radius: 8px; border: none; cursor: pointer;
  background: #c2410c; color: #fff; font-weight: 600; }
.sa-add:hover { filter: brightness(1.08); }
.sa-head { font-size: 13px; opacity: .8; margin: 2px 0 8px; }
.sa-badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px;
  background: var(--background-fill-secondary); border: 1px solid var(--border-color-primary); }
.sa-cart ul { list-style: none; padding: 0; margin: 0; }
.sa-cart li { display: flex; justify-content: space-between; gap: 8px; font-size: 13px; padding: 4px 0;
  border-bottom: 1px dashed var(--border-color-primary); }
.sa-cart .sa-total { font-weight: 700; margin-top: 6px; text-align: right; }
.sa-cart .sa-qty { display: inline-flex; align-items: center; gap: 4px; white-space: nowrap; }
.sa-cart button { border: 1px solid #cbd5e1; background: #fff; border-radius: 6px; cursor: pointer;
  min-width: 26px; min-height: 26px; color: #0f172a; }
.sa-cart .sa-cart-actions { display: flex; justify-content: flex-end; gap: 6px; margin-top: 6px; }
.sa-cart .sa-checkout { background: #0f766e; color: #fff; border-color: #0f766e; padding: 4px 10px; }
.sa-compare { overflow-x: auto; }
.sa-compare table { border-collapse: collapse; width: 100%; font-size: 13px; }
.sa-compare th, .sa-compare td { border: 1px solid var(--border-color-primary); padding: 6px 8px; text-align: left;
  vertical-align: top; }
.sa-compare thead th { font-weight: 600; }
.sa-compare tbody th { font-weight: 500; opacity: .8; white-space: nowrap; }
.sa-empty { opacity: .7; font-size: 13px; }
/* the chips act on a list: none while no products are shown */
.gradio-container:has(#sa-cards .sa-empty) #sa-chips { display: none !important; }
#sa-send { background: #c2410c; color: #fff; }
.show-api { color: #4b5563 !important; }
.sa-widget #sa-header, .sa-widget #sa-user, .sa-widget #sa-personalize, .sa-widget #sa-profile,
.sa-widget #sa-links, .sa-widget footer { display: none !important; }
.sa-error { color: #b91c1c; }
"""

# The embedded widget loads the chat as `/?view=widget`: this marks the page before it renders so the
# CSS above leaves only the chat, input, chips, cards and cart (the store's page has its own title).
WIDGET_HEAD = ("<script>if (new URLSearchParams(location.search).get('view') === 'widget') "
               "{ document.documentElement.classList.add('sa-widget'); }</script>")

# Delegated click handler for the cards' "Add to cart" buttons (gr.HTML's js_on_load API):
# one listener on the component survives re-rendering of its content.
CARDS_JS = """
element.addEventListener('click', (event) => {
  const button = event.target.closest('button[data-add]');
  if (button) { trigger('click', {product_id: button.dataset.add}); }
});
element.addEventListener('toggle', (event) => {
  const why = event.target;
  if (why.matches && why.matches('details.sa-why') && why.open) {
    const card = why.closest('[data-product-id]');
    if (card) { trigger('click', {why: card.dataset.productId}); }
  }
}, true);
"""

# The cart panel's buttons; emptying the cart asks first (the chat asks too: "clear my cart" waits for a yes).
CART_JS = """
element.addEventListener('click', (event) => {
  const button = event.target.closest('button[data-cart]');
  if (!button) { return; }
  if (button.dataset.cart === 'clear' && !window.confirm('Empty your cart?')) { return; }
  trigger('click', {action: button.dataset.cart, product_id: button.dataset.product || ''});
});
"""

_PALETTE = ("#0ea5e9", "#8b5cf6", "#f97316", "#10b981", "#ef4444", "#6366f1", "#14b8a6", "#d946ef")


def _placeholder(product: Product) -> tuple[str, str]:
    """Colour and initials for a product without a usable image (stable per brand)."""
    key = (product.brand or product.category or product.title or "?").strip()
    colour = _PALETTE[int(hashlib.sha1(key.encode()).hexdigest(), 16) % len(_PALETTE)]
    initials = "".join(w[0] for w in key.split()[:2]).upper() or "?"
    return colour, initials


def _image(product: Product) -> str:
    colour, initials = _placeholder(product)
    img = ""
    url = (product.image_url or "").strip()
    if url.lower().startswith(("https://", "http://")):
        img = (f'<img src="{escape(url, quote=True)}" alt="{escape(product.title, quote=True)}" loading="lazy" '
               "referrerpolicy=\"no-referrer\" onerror=\"this.remove()\">")
    return f'<div class="sa-img" style="background:{colour}" aria-hidden="true">{escape(initials)}{img}</div>'


def _rating_text(product: Product) -> str:
    """"★ 4.2 (1 review)", "★ 3.9"; "" when the catalog has no rating."""
    if product.rating is None or product.rating != product.rating:
        return ""
    count = product.review_count
    reviews = f" ({count} {'review' if count == 1 else 'reviews'})" if count else ""
    return f"★ {product.rating:.1f}{reviews}"


def _rating(product: Product) -> str:
    return f'<div class="sa-rating">{escape(_rating_text(product) or "no ratings yet")}</div>'


def product_card(candidate: Candidate, rank: int, currency: str = DEFAULT_CURRENCY) -> str:
    p = candidate.product
    reasons = "".join(f"<li>{escape(r)}</li>" for r in candidate.reasons) or "<li>top match for your search</li>"
    brand = " · ".join(escape(x) for x in (p.brand, p.category) if x)
    return (
        f'<article class="sa-card" data-product-id="{escape(p.product_id, quote=True)}">{_image(p)}'
        f'<div class="sa-body"><div class="sa-rank">#{rank}</div>'
        f'<h4 class="sa-title">{escape(p.title)}</h4><div class="sa-brand">{brand}</div>'
        f'<div class="sa-price">{escape(format_price(p.price, currency))}</div>{_rating(p)}'
        f'<details class="sa-why"><summary>Why recommended</summary><ul>{reasons}</ul></details>'
        f'<button class="sa-add" type="button" data-add="{escape(p.product_id, quote=True)}">Add to cart</button>'
        "</div></article>"
    )


EMPTY_CARDS = "Products from the assistant's answers appear here."
_PRODUCT_LINE = re.compile(r"^\d+\.\s")
_HINT_LINE = re.compile(r"^(?:Say |Tell me what else)")


def carded_text(text: str) -> str:
    """A list reply's chat text when the cards beside it carry the list: its sentence, without the
    numbered product lines and the closing hint the cards make redundant ("Here are 5 jackets up to
    $80.00." instead of that line, five product lines and "Say 'cheaper', ..."). Text with no product
    lines is returned as it is."""
    lines = text.split("\n")
    if not any(_PRODUCT_LINE.match(line) for line in lines):
        return text
    kept = [line for line in lines if line.strip() and not _PRODUCT_LINE.match(line) and not _HINT_LINE.match(line)]
    kept = [line[:-1] + "." if line.endswith(":") else line for line in kept]
    return " ".join(kept) or text


def cards_html(candidates: list[Candidate] | tuple[Candidate, ...], heading: str = "",
               empty: str = EMPTY_CARDS, turn: int = 0, currency: str = DEFAULT_CURRENCY) -> str:
    """Cards for the products of the latest answer; the `empty` line when there are none.

    `turn` (the dialogue turn that produced them) is written as `data-turn`, so a page script or
    a browser test can tell a new answer from a re-render of the same one.
    """
    if not candidates:
        return f'<div class="sa-panel" data-turn="{turn}"><div class="sa-empty">{escape(empty)}</div></div>'
    head = f'<div class="sa-head">{escape(heading)}</div>' if heading else ""
    cards = "".join(product_card(c, i + 1, currency) for i, c in enumerate(candidates))
    return f'<div class="sa-panel" data-turn="{turn}">{head}<div class="sa-cards">{cards}</div></div>'


# The rows a comparison shows, in order, when at least one compared product has a value.
_COMPARED = (("Price", "price"), ("Brand", "brand"), ("Rating", "rating"), ("Colour", "color"), ("Size", "size"),
             ("In stock", "in_stock"))


def compare_html(candidates: list[Candidate] | tuple[Candidate, ...], currency: str = DEFAULT_CURRENCY,
                 turn: int = 0) -> str:
    """Compared products side by side: one column each, one row per attribute the catalog has for any of
    them (price, brand, rating with its count, colour, size, stock, then the free attributes such as
    material), and an "Add to cart" button per column (the cards' click handler serves it)."""
    products = [c.product for c in candidates]
    rows: list[tuple[str, list[str]]] = []
    for label, field in _COMPARED:
        if field == "price":
            cells = [format_price(p.price, currency) for p in products]
        elif field == "rating":
            cells = [_rating_text(p) for p in products]
        elif field == "in_stock":
            cells = ["yes" if p.in_stock else "no" for p in products]
        else:
            cells = [str(getattr(p, field) or "") for p in products]
        if any(cells):
            rows.append((label, cells))
    extra = sorted({k for p in products for k, v in p.attributes.items() if str(v).strip()})
    for key in extra:
        rows.append((key.replace("_", " ").capitalize(), [str(p.attributes.get(key, "") or "") for p in products]))
    head = "".join(f'<th scope="col">{escape(p.title)}</th>' for p in products)
    body = "".join(f'<tr><th scope="row">{escape(label)}</th>' + "".join(f"<td>{escape(c) or '—'}</td>" for c in cells)
                   + "</tr>" for label, cells in rows)
    buttons = "".join(f'<td><button class="sa-add" type="button" data-add="{escape(p.product_id, quote=True)}">'
                      f"Add to cart</button></td>" for p in products)
    return (f'<div class="sa-panel" data-turn="{turn}"><div class="sa-head">Side by side</div>'
            f'<div class="sa-compare"><table><thead><tr><th scope="col"></th>{head}</tr></thead>'
            f'<tbody>{body}<tr><th scope="row"></th>{buttons}</tr></tbody></table></div></div>')


def _cart_button(action: str, pid: str, label: str, text: str) -> str:
    return f'<button type="button" data-cart="{action}" data-product="{pid}" aria-label="{label}">{text}</button>'


def cart_html(lines: list[tuple[Product, int]], currency: str = DEFAULT_CURRENCY) -> str:
    """The cart panel: per line the title, quantity with −/+ and remove, the line total; then the total,
    "Empty cart" (confirmed in the page) and "Checkout". Buttons carry data-cart / data-product for CART_JS."""
    if not lines:
        return '<div class="sa-cart"><div class="sa-empty">Your cart is empty.</div></div>'
    rows = []
    total = 0.0
    for product, quantity in lines:
        line_total = product.price * quantity if product.price is not None else None
        total += line_total or 0.0
        pid = escape(product.product_id, quote=True)
        name = escape(product.title, quote=True)
        rows.append(f'<li data-product-id="{pid}"><span class="sa-line-title">{escape(product.title)}</span>'
                    f'<span class="sa-qty">{_cart_button("dec", pid, f"One less {name}", "−")}'
                    f'<span class="sa-count">{quantity}</span>{_cart_button("inc", pid, f"One more {name}", "+")}'
                    f'{_cart_button("remove", pid, f"Remove {name}", "✕")}'
                    f'</span><span class="sa-line-total">{escape(format_price(line_total, currency))}</span></li>')
    count = sum(q for _, q in lines)
    return (f'<div class="sa-cart"><ul>{"".join(rows)}</ul>'
            f'<div class="sa-total">{items(count)} · Total '
            f'{escape(format_price(total, currency))}</div>'
            '<div class="sa-cart-actions"><button type="button" data-cart="clear">Empty cart</button>'
            '<button type="button" data-cart="checkout" class="sa-checkout">Checkout</button></div></div>')


def profile_html(user_id: str | None, summary: str, personalize: bool) -> str:
    """Who is shopping, what their profile says, and whether ranking uses it."""
    if not user_id:
        return '<span class="sa-badge">Guest: ranking by relevance and rating</span>'
    state = "on" if personalize else "off"
    return (f'<span class="sa-badge">{escape(user_id)}: personalisation {state}</span>'
            f'<div class="sa-empty">{escape(summary)}</div>')


def error_html(message: str) -> str:
    return f'<div class="sa-error">{escape(message)}</div>'
