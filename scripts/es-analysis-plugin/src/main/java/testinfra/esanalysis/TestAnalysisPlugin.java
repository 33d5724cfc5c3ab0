package testinfra.esanalysis;

import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

import java.util.Map;
import java.util.TreeMap;

/**
 * Test-only analysis plugin: the components of Elasticsearch's analysis-common module that
 * the project's index settings (and Wagtail's) name, under the same names and settings, for
 * Elasticsearch distributions that ship without that module. Nothing more: a test
 * (tests/search/test_analysis_plugin.py) keeps this list and the index settings in step.
 */
public class TestAnalysisPlugin extends Plugin implements AnalysisPlugin {

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        Map<String, AnalysisProvider<TokenizerFactory>> tokenizers = new TreeMap<>();
        tokenizers.put("ngram", (indexSettings, env, name, settings) -> Tokenizers.ngram(indexSettings, name, settings));
        tokenizers.put("edge_ngram", (indexSettings, env, name, settings) -> Tokenizers.edgeNgram(name, settings));
        return tokenizers;
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        Map<String, AnalysisProvider<TokenFilterFactory>> filters = new TreeMap<>();
        filters.put("ngram", (indexSettings, env, name, settings) -> Filters.ngram(indexSettings, name, settings));
        filters.put("edge_ngram", (indexSettings, env, name, settings) -> Filters.edgeNgram(name, settings));
        filters.put("asciifolding", (indexSettings, env, name, settings) -> Filters.asciiFolding(name));
        filters.put("stemmer", (indexSettings, env, name, settings) -> Filters.stemmer(name, settings));
        return filters;
    }
}
