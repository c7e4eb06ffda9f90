"""Reading generated pages: what they load, what they link, and whether text became markup."""

from pathlib import Path
from urllib.parse import urlparse

from bs4 import BeautifulSoup

# Attributes through which a page loads something (as opposed to <a href>, which only links).
LOADING_ATTRIBUTES = {"script": "src", "img": "src", "iframe": "src", "link": "href", "source": "src",
                      "video": "src", "audio": "src", "embed": "src", "object": "data"}


def parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def loaded_addresses(page: BeautifulSoup) -> list[str]:
    return [element[attribute] for tag, attribute in LOADING_ATTRIBUTES.items()
            for element in page.find_all(tag) if element.has_attr(attribute)]


def is_local(address: str) -> bool:
    """Relative to the page, or inline data; never another host, scheme or an absolute path."""
    parsed = urlparse(address)
    return parsed.scheme == "data" or (not parsed.scheme and not parsed.netloc and not address.startswith("/"))


def injected_markup(page: BeautifulSoup) -> list[str]:
    """Elements that only text from the data could have created."""
    scripts = [str(s)[:80] for s in page.find_all("script") if (s.string or "").strip() == "alert(1)"]
    handlers = [str(e)[:80] for e in page.find_all(True) if any(a.lower().startswith("on") for a in e.attrs)]
    images = [str(i)[:80] for i in page.find_all("img", src="x")]
    return scripts + handlers + images
