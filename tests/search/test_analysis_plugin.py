"""The test-only analysis plugin provides exactly what the index settings name.

The test node (integ-test-zip) lacks Elasticsearch's analysis-common module; the plugin in
scripts/es-analysis-plugin stands in for the parts the settings use, ours
(search/documents.py) and Wagtail's (its admin search index). A component added to the
settings without the plugin, or kept in the plugin after the settings stop using it, fails
here, without starting a node.
"""

import re
from pathlib import Path

from modelsearch.backends.elasticsearch8 import Elasticsearch8SearchBackend

from search.aliases import index_definition

PLUGIN_SOURCES = (
    Path(__file__).resolve().parents[2] / "scripts/es-analysis-plugin/src/main/java/testinfra"
)
# What Elasticsearch has without analysis-common (its server module).
BUILT_IN = {
    "tokenizer": {"standard"},
    "filter": {"lowercase", "stop", "shingle"},
    "char_filter": set(),
    "analyzer": {"custom", "standard"},
}
SECTIONS = {"tokenizer": "tokenizers", "filter": "filters"}


def analysis_settings():
    ours = index_definition("check").to_dict()["settings"]["analysis"]
    wagtails = Elasticsearch8SearchBackend.settings["settings"]["analysis"]
    return [ours, wagtails]


def named_components():
    """{section: {component type}} that the settings ask Elasticsearch for."""
    named = {section: set() for section in BUILT_IN}
    for analysis in analysis_settings():
        for section in named:
            for definition in analysis.get(section, {}).values():
                named[section].add(definition.get("type", "custom"))
        for analyzer in analysis.get("analyzer", {}).values():
            defined = {section: analysis.get(section, {}) for section in named}
            if analyzer.get("tokenizer") not in defined["tokenizer"]:
                named["tokenizer"].add(analyzer["tokenizer"])
            for section in ("filter", "char_filter"):
                named[section] |= {
                    n for n in analyzer.get(section, []) if n not in defined[section]
                }
    return named


def plugin_source():
    return "\n".join(path.read_text() for path in sorted(PLUGIN_SOURCES.rglob("*.java")))


def registered_components():
    """{section: {name}} that the plugin registers, read from its source."""
    source = plugin_source()
    found = {section: set() for section in BUILT_IN}
    for section, variable in SECTIONS.items():
        found[section] = set(re.findall(rf'\b{variable}\.put\("(\w+)"', source))
    found["char_filter"] = set(re.findall(r'\bcharFilters\.put\("(\w+)"', source))
    found["analyzer"] = set(re.findall(r'\banalyzers\.put\("(\w+)"', source))
    return found


def test_the_plugin_registers_exactly_what_the_settings_use_beyond_elasticsearch_itself():
    named = named_components()
    assert named["filter"] >= {"stemmer", "edge_ngram", "asciifolding"}  # the reader is right
    needed = {section: named[section] - BUILT_IN[section] for section in named}
    assert registered_components() == needed


def test_every_stemmer_language_in_the_settings_is_supported():
    languages = {
        definition.get("language", definition.get("name", "porter"))
        for analysis in analysis_settings()
        for definition in analysis.get("filter", {}).values()
        if definition.get("type") == "stemmer"
    }
    assert languages == {"english", "possessive_english"}
    supported = set(re.findall(r'case "(\w+)":', plugin_source()))
    assert languages <= supported
