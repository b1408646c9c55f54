"""Materials, scents and properties shoppers ask for by name ("cashmere sweaters", "are any of them lavender
scented?"), whether or not any listing of this shop uses the word.

Why: the words a search looks for are otherwise the catalog's own (its titles and attributes), so a word no
listing uses was dropped, and the reply showed "Down Sweater" jackets for "cashmere sweaters", or the same candles
again for "lavender", as if they matched. Kept as asked, such a word is looked for in each listing, and a list
where none says it is said to be the closest matches.
"""

from __future__ import annotations

ASKED_QUALITIES = frozenset("""
cashmere wool woolen woollen merino alpaca mohair angora silk satin linen leather suede nubuck denim cotton organic
polyester nylon spandex lycra bamboo velvet velour corduroy fleece sherpa cork rubber canvas wicker rattan jute
glass ceramic porcelain stoneware enamel stainless titanium aluminium aluminum carbon copper brass oak walnut teak
pine acacia marble granite
lavender vanilla jasmine sandalwood eucalyptus citrus coconut cinnamon peppermint unscented
waterproof vegan hypoallergenic biodegradable recycled
ram ssd hdmi usb nfc gps bluetooth wifi anc touchscreen rtx gtx
""".split())
