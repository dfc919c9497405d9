"""The article page from the real pipeline (the session's spaCy extractor), not from gold records."""

from __future__ import annotations

import re

from newsfacts.web.services import ExtractionService

from .conftest import ASGIClient, make_app


def test_seed_page_from_the_real_extractor(monkeypatch, extractor, seed_text):
    app = make_app(monkeypatch=monkeypatch)
    app.state.extraction = ExtractionService(app.state.options, factory=lambda _options: extractor)
    client = ASGIClient(app)
    response = client.post("/api/v1/extract", json={"text": seed_text})
    assert response.status_code == 200, response.text
    article = response.json()
    anchored = [f for f in article["facts"]
                if article["text"][f["evidence"]["start"] : f["evidence"]["end"]] == f["evidence"]["text"]]
    html = client.post("/analyse", data={"text": seed_text}).text
    assert "82+20+21+8 = 131 ≠ 147" in html
    assert 'class="panel post-card"' in html and "@TC_Disisleri" in html
    assert len(set(re.findall(r'<mark [^>]*id="fact-(\d+)"', html))) == len(anchored) >= 8
