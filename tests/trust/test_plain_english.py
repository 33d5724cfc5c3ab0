"""The plain-English panel: reading age, long sentences, words to avoid, acronyms."""

from cms import plain_english
from cms.models import PlainEnglishSettings
from news.models import ArticlePage
from tests import factories
from tests.trust.helpers import editor, editor_form, post_add, rich_text


def test_reading_age_is_flesch_kincaid_grade_plus_five():
    report = plain_english.analyse(["The cat sat on the mat. The dog ran."])
    # 9 words, 2 sentences, 9 syllables: 0.39*4.5 + 11.8*1 - 15.59 = -2.035 -> age 5 (floor)
    assert round(report.grade, 3) == -2.035
    assert report.reading_age == 5
    hard = plain_english.analyse(
        [
            "Intergovernmental transformation necessitates comprehensive organisational "
            "reconfiguration across multidisciplinary administrative jurisdictions."
        ]
    )
    assert hard.reading_age > 18


def test_long_sentences_words_to_avoid_and_acronyms():
    long = " ".join(["word"] * 26) + "."
    text = [
        long,
        "We will leverage robust partnerships going forward.",
        "The ICB met the NHS. Northmoor integrated care board (NICB) agreed. NICB said yes.",
        "The LGA (Local Government Association) spoke.",
    ]
    report = plain_english.analyse(text, ["leverage", "robust", "going forward", "key"], ["NHS"])
    assert [count for count, _ in report.long_sentences] == [26]
    assert report.words_to_avoid == [("leverage", 1), ("robust", 1), ("going forward", 1)]
    assert report.unexplained_acronyms == ["ICB"]


def test_the_word_list_is_seeded_with_gov_uk_and_editable(db):
    settings = PlainEnglishSettings.load()
    assert "leverage" in settings.word_list and "utilise" in settings.word_list
    settings.words_to_avoid = "synergy\nleverage"
    settings.save()
    assert PlainEnglishSettings.load().word_list == ["synergy", "leverage"]


def test_the_panel_shows_advice_in_the_editor_and_never_blocks(admin_client, news_section):
    body = [{"type": "paragraph", "value": "<p>We must leverage the ICB to facilitate change.</p>"}]
    page = factories.make_article(parent=news_section, body=body, standfirst="")
    html = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "Reading age:" in html
    assert "“leverage” (1×)" in html and "“facilitate” (1×)" in html
    assert "spelled out" in html and "ICB" in html


def test_advice_never_stops_publishing(client, news_section):
    client.force_login(editor())
    long = " ".join(["robust"] * 40) + " ICB."
    body = [("paragraph", rich_text(f"<p>We will leverage it. {long}</p>"))]
    response = post_add(
        client, news_section, editor_form(factories.make_author(), body=body), "publish"
    )
    assert response.status_code == 302
    assert ArticlePage.objects.get().live
