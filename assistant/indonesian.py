"""Bahasa Indonesia Jakarta shoppers mix into English chat ("kak ada sepatu lari nike gak?", "dibawah $100 aja",
"yg lebih murah ada?", "masukin no 4", "hapus dr keranjang", "brand apa aja deh"), said in English.

Why: young Indonesians chat in Bahasa with English product words and brands, so the glue the parsers read is
Indonesian: asking with "ada ... gak?" (do you have), "dibawah" (under), "lebih murah" (cheaper), "yg ke-2" and
"no 4" (the second, number 4), "masukin" and "ambil" (put in, take: add), "hapus" (delete), "keranjang" (cart),
"apa aja" (any), "asal bukan" (as long as not), "lainnya" (others), "knp" (why), "makasih" (thanks), and the common
kinds and colours ("sepatu lari", "jam tangan", "hitam"). Unread, "dibawah $100" set no price, "masukin yg 1" was a
thing the shop lacks and "ga ada ya? yaudah brand lain deh, asal bukan l'oreal" showed L'Oreal.
"""

from __future__ import annotations

from assistant.glue import Glue

_N = r"(\$?\s*\d+(?:\.\d+)?k?)"
_NTH = {"pertama": "first", "kedua": "second", "ketiga": "third", "keempat": "fourth", "kelima": "fifth",
        "terakhir": "last"}
_NO = r"(?:gak|ga|nggak|ngga|enggak|engga|gk|tidak|tdk)"
_PHRASES: tuple[tuple[str, str], ...] = (
    (rf"(?:di\s?bawah|dbawah|kurang\s+dari)\s+{_N}", r"under \1"),
    (rf"(?:di\s?atas|lebih\s+dari)\s+{_N}", r"over \1"),
    (rf"antara\s+{_N}\s+(?:dan|sama|-)\s+{_N}", r"between \1 and \2"), (r"range\s*nya\b", ""),
    (r"dolar\b", "dollars"), (r"budget\s+bebas\b", "any budget"),
    (r"(?:blm|belum|gak|ga|nggak)\s+ada\s+(?:yg|yang)\s+sreg\b", "nothing I like"),
    # "ada yg pink?", "silver ada?", "ada sepatu lari nike gak?", "jansport ada ga": do you have
    (rf"ada\s+(?:jual\s+)?((?:[\w&'$-]+\s+){{0,5}}?[\w&'$-]+)\s+{_NO}\b\s*\??", r"do you have \1?"),
    (rf"(?<=\w)\s+(?-i:ada)\s+{_NO}\b\s*\??", " available?"),
    (r"(?<=\w)\s+(?-i:ada)\s*(?:\?+|$)", " available?"),
    (rf"(?:jual|ada\s+jual)\s+((?:[\w&'$-]+\s+){{0,4}}?[\w&'$-]+)\s+{_NO}\b\s*\??", r"do you sell \1?"),
    (rf"{_NO}\s+ada\s+(?:ya|yah)?\s*\??", "none?"),
    (r"(?:yg|yang)\s+lebih\s+murah\b", "cheaper"), (r"lebih\s+murah\b", "cheaper"),
    (r"(?:yg|yang)\s+lebih\s+(?:mahal|bagus)\b", "nicer"), (r"lebih\s+(?:mahal|bagus)\b", "nicer"),
    (r"mahal(?:2|\s*-\s*mahal|\s+(?:banget|bgt|bener|amat))?\b", "too expensive"),
    # "brand apa aja", "warna apa aja": any brand, any colour; "asal bukan l'oreal", "selain kitchenaid"
    (r"(brand|merk|merek|warna)\s+apa\s+(?:aja|saja)\b", r"any \1"), (r"(?:brand|merk|merek)\s+lain\b", "any brand"),
    (r"asal\s+bukan\b", "except"), (r"selain\b", "other than"),
    (rf"(?:jgn|jangan|{_NO}\s+mau)\s+(?:yg|yang)?\s*(?:bahan\s+)?", "no "),
    # "masukin yg 1", "ambil yg terakhir", "ambil dua2nya": add
    (r"(?:masukin|masukkin|masukan|masukkan|ambil)\s+(?:ke\s+keranjang\s+)?(?=(?:yg|yang|no|nomor|\d))", "add "),
    (r"(?:masukin|masukkin|masukan|masukkan)\b", "add"),
    (r"ambil\s+(?:dua2nya|dua-duanya|duanya|semua(?:nya)?)\b", "add both"), (r"dua2nya\b", "both"),
    (r"(?:liat|lihat|cek)\s+isi\s+keranjang\b", "show my cart"), (r"isi\s+keranjang\b", "what's in my cart"),
    (r"(?:dr|dari)\s+keranjang\b", "from my cart"), (r"ke\s+keranjang\b", "to my cart"),
    (r"(?:yg|yang)\s+(?:ke-?\s?|no\.?\s?|nomor\s+)?(\d)\b", r"number \1"), (r"nomor\s*(\d)\b", r"number \1"),
    (r"ke-?\s?(\d)\b", r"number \1"),
    *((rf"(?:yg|yang)\s+{word}\b", f"the {english} one") for word, english in _NTH.items()),
    (r"(?:yg|yang)\s+paling\s+atas\b", "the one at the top"), (r"(?:yg|yang)\s+paling\s+murah\b", "the cheapest"),
    (r"bedanya\s+apa\b", "what's the difference"), (r"apa\s+bedanya\b", "what's the difference"),
    (r"mending\s+mana\b", "which is better"), (r"(?<=\d)\s+sama\s+(?=(?:number|the)\b)", " and "),
    (r"(?:lainnya|yg\s+lain|yang\s+lain)\s*(?:dong|deh|ya|kak)?\b", "more"),
    (r"(?:udah|sudah|udh)\s+itu\s+(?:aja|saja)\b", "that's all"),
    (r"(?:terima\s+kasih|makasih|makasi|mksh)\b", "thanks"),
    (r"(?:bisa\s+)?bayar\s+pake\b", "can I pay with"), (r"sepatu\s+lari\b", "running shoes"),
    (r"makanan\s+kucing\b", "cat food"), (r"makanan\s+anjing\b", "dog food"),
    (r"jam\s+tangan\b", "watch"), (r"tas\s+ransel\b", "backpack"),
    (r"hp\s+(?=samsung|iphone|xiaomi|oppo|vivo|google)", "phone "),
    (r"umur\s+(\d+)\s*(?:taun|tahun|thn)\b", r"\1 years old"),
    # "kok yg muncul dyson semua sih?": why are they all Dyson
    (r"(?:kok|knp|kenapa)\s+(?:yg\s+|yang\s+)?(?:muncul\s+|keluar\s+)?((?:[\w&'$-]+\s+){0,3}?)(?:semua|smua)\b"
     r"\s*(?:sih)?", r"why are they all \1"),
    (r"ganti\s+([\w&'-]+)", r"\1 instead"),
    (r"(?:nyampe|sampe|sampai)\b", "will it arrive in"), (r"(?:brp|berapa)\s+hari\b", "how many days"),
    (r"(?:brp|berapa)\s+jam\b", "how many hours"), (r"baterai(?:nya)?\s+tahan\b", "battery last"),
    (r"cocok\s+(?:buat|untuk)\b", "suitable for"), (r"satu\s+(?:aja|saja)\b", "just one"),
)
_WORDS: dict[str, str] = {
    "cari": "looking for", "nyari": "looking for", "mau": "want", "buat": "for", "yg": "that", "gak": "not",
    "nggak": "not", "ngga": "not", "enggak": "not", "dong": "", "deh": "", "sih": "", "aja": "", "kak": "",
    "gan": "", "wkwk": "", "wkwkwk": "", "gw": "my", "gue": "my", "aku": "my", "skalian": "also", "sekalian": "also",
    "juga": "too", "jual": "sell", "hapus": "remove", "buang": "remove", "keranjang": "cart", "knp": "why",
    "kenapa": "why", "warna": "colour", "putih": "white", "hitam": "black", "merah": "red", "biru": "blue",
    "hijau": "green", "ungu": "purple", "kuning": "yellow", "coklat": "brown", "mainan": "toys", "sepatu": "shoes",
    "ponakan": "nephew", "anak": "child", "bahan": "material", "murah": "cheap", "bagus": "good", "brp": "how much",
    "berapa": "how much", "makanan": "food", "kucing": "cat", "anjing": "dog", "atau": "or",
    "skrg": "now", "sekarang": "now", "baterai": "battery", "kameranya": "the camera", "satu": "one", "lagi": "more",
    "gpp": "", "yaudah": "ok", "yaudh": "ok", "udah": "", "tapi": "but", "bgt": "", "banget": "", "tolong": "please",
    "dibawah": "under", "diatas": "over", "dolar": "dollars",
}
# English words or other languages' too ("ya", "ga", "sama", "jd", "ada"): read once something Indonesian was.
_WEAK_WORDS: dict[str, str] = {"ya": "", "ga": "not", "tp": "but", "sama": "and", "jd": "to", "jadi": "to",
                               "ada": "have", "nih": "", "itu": "that", "kalo": "if", "kok": "", "oke": "ok",
                               "naikin": "raise", "gajadi": "never mind"}

INDONESIAN = Glue(_PHRASES, _WORDS, _WEAK_WORDS)
