"""Country names (English and Chinese) to ISO 3166 two-letter codes, for the `country` field."""

from __future__ import annotations

import phonenumbers

_NAMES = {
    "US": "united states|united states of america|usa|u.s.a.|u.s.|america|美国",
    "CN": "china|people's republic of china|prc|mainland china|中国|中国大陆|中华人民共和国",
    "HK": "hong kong|香港", "TW": "taiwan|台湾", "MO": "macau|macao|澳门",
    "GB": "united kingdom|uk|great britain|britain|england|scotland|wales|英国",
    "DE": "germany|deutschland|德国", "FR": "france|法国", "IT": "italy|italia|意大利",
    "ES": "spain|españa|espana|西班牙", "PT": "portugal|葡萄牙", "NL": "netherlands|holland|荷兰",
    "BE": "belgium|比利时", "CH": "switzerland|schweiz|suisse|瑞士", "AT": "austria|奥地利",
    "SE": "sweden|瑞典", "NO": "norway|挪威", "DK": "denmark|丹麦", "FI": "finland|芬兰",
    "IE": "ireland|爱尔兰", "PL": "poland|波兰", "CZ": "czech republic|czechia|捷克",
    "GR": "greece|希腊", "RU": "russia|russian federation|俄罗斯", "UA": "ukraine|乌克兰",
    "TR": "turkey|türkiye|土耳其", "CA": "canada|加拿大", "MX": "mexico|méxico|墨西哥",
    "BR": "brazil|brasil|巴西", "AR": "argentina|阿根廷", "CL": "chile|智利",
    "CO": "colombia|哥伦比亚", "PE": "peru|秘鲁", "AU": "australia|澳大利亚|澳洲",
    "NZ": "new zealand|新西兰", "JP": "japan|日本",
    "KR": "south korea|korea|republic of korea|韩国",
    "IN": "india|印度", "SG": "singapore|新加坡", "MY": "malaysia|马来西亚",
    "TH": "thailand|泰国", "VN": "vietnam|viet nam|越南", "ID": "indonesia|印度尼西亚|印尼",
    "PH": "philippines|菲律宾", "AE": "united arab emirates|uae|阿联酋",
    "SA": "saudi arabia|沙特阿拉伯|沙特", "IL": "israel|以色列", "EG": "egypt|埃及",
    "ZA": "south africa|南非", "NG": "nigeria|尼日利亚", "KE": "kenya|肯尼亚",
    "PK": "pakistan|巴基斯坦", "BD": "bangladesh|孟加拉国",
}
_LOOKUP = {
    name.strip(): code for code, names in _NAMES.items() for name in names.split("|")
}
_CODES = set(phonenumbers.SUPPORTED_REGIONS) | {"UK"}


def country_code(text: str) -> str | None:
    """'US' for 'us', 'USA', 'United States', '美国'; None when the name is not known."""
    word = text.strip()
    if len(word) == 2 and word.isascii() and word.upper() in _CODES:
        return "GB" if word.upper() == "UK" else word.upper()
    return _LOOKUP.get(word.lower()) or _LOOKUP.get(word.lower().rstrip("."))
