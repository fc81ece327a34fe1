"""Frog analysis through the managed server: offsets, paragraphs, MWU splitting, restarts."""

from kroniek.analysis import analyze, analyze_paragraphs
from kroniek.analysis.tsv import paragraphs, parse_tsv
from kroniek.models import Document

TEXT = ("Soechoj Su-35\n\n"
        "Iraanse piloten worden reeds getraind op Soechoj Su-35 straaljagers. "
        "‘Dit is een “test”,’ zei hij 's avonds over de F-16's.\n\n"
        "Brussel legde  vorige maand sancties op aan  drie generaals.")


def test_every_token_maps_back_to_its_text(analyze_text):
    doc = analyze_text(TEXT)
    for sent in doc.sentences:
        assert sent.text == TEXT[sent.start:sent.end]
        for tok in sent.tokens:
            assert tok.text == TEXT[tok.start:tok.end]
            assert tok.text.strip() == tok.text and tok.text


def test_headline_paragraph_is_its_own_sentence(analyze_text):
    doc = analyze_text(TEXT)
    assert doc.sentences[0].text == "Soechoj Su-35"
    assert [s.paragraph for s in doc.sentences] == [0, 1, 1, 2]


def test_multiword_units_are_split_with_valid_heads(analyze_text):
    doc = analyze_text(TEXT)
    words = [t.text for t in doc.sentences[1].tokens]
    assert "Soechoj" in words and "Su-35" in words  # Frog's 'Soechoj_Su-35' unit
    for sent in doc.sentences:
        for tok in sent.tokens:
            assert -1 <= tok.head < len(sent.tokens)


def test_tokens_carry_lemma_pos_and_dependencies(analyze_text):
    doc = analyze_text("Rusland heeft drones aan Iran geleverd.")
    toks = {t.text: t for t in doc.sentences[0].tokens}
    assert toks["geleverd"].lemma == "leveren" and toks["geleverd"].pos == "WW"
    assert "vd" in toks["geleverd"].feats
    assert toks["Rusland"].pos == "SPEC" and "deeleigen" in toks["Rusland"].feats
    assert toks["Rusland"].deprel == "su"
    assert toks["Rusland"].ner == ""  # Frog's NER is skipped: names come from the gazetteer


def test_only_selected_paragraphs_keep_document_offsets(frog):
    text = "Eerste alinea zonder belang.\n\nRusland levert drones aan Iran.\n\nSlot."
    doc = Document("p", "2024-01", text)
    spans = paragraphs(text)
    result = analyze_paragraphs(doc, spans[1:2], [1], frog)
    (sent,) = result.sentences
    assert sent.text == "Rusland levert drones aan Iran." and sent.paragraph == 1


def test_parse_tsv_renumbers_heads_after_mwu_split():
    tsv = ("1\tSoechoj_Su-35\tsoechoj_Su-35\t\tN(soort)_SPEC(symb)\t0.6\tO_O\t\t\t3\tsu\n"
           "2\tvliegt\tvliegen\t\tWW(pv)\t0.9\tO\t\t\t0\tROOT\n"
           "3\thier\thier\t\tBW()\t0.9\tO\t\t\t2\tmod\n\nREADY\n")
    (sent,) = parse_tsv(tsv)
    assert [t.word for t in sent] == ["Soechoj", "Su-35", "vliegt", "hier"]
    assert [t.head for t in sent] == [2, 4, 0, 3]  # 1-based; unit 3 is now token 4
    assert sent[0].deprel == "mwp"


def test_dead_frog_is_restarted(frog):
    frog.proc.kill()
    frog.proc.wait()
    doc = analyze(Document("r", "2024-01", "Iran levert drones."), frog)
    assert doc.sentences and frog.proc.poll() is None


def test_every_request_child_is_killed_once_it_has_answered(frog):
    """Frog forks a child per request, which after answering burns seconds of CPU
    freeing its copy of the models: kroniek kills it at once."""
    import time

    import psutil
    for k in range(5):
        analyze(Document(f"c{k}", "2024-01", "Iran levert drones aan Rusland."), frog)
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline:
        alive = [c for c in psutil.Process(frog.proc.pid).children()
                 if c.status() != psutil.STATUS_ZOMBIE]
        if not alive:
            break
        time.sleep(0.05)
    assert alive == []
