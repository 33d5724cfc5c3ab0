package testinfra.esanalysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.charfilter.HTMLStripCharFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.PreBuiltAnalyzerProviderFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.indices.analysis.PreBuiltCacheFactory.CachingStrategy;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

import java.io.Reader;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.elasticsearch.plugins.AnalysisPlugin.requiresAnalysisSettings;

/**
 * Test-only analysis plugin: registers a subset of the components of
 * Elasticsearch's analysis-common module, under the same names and settings,
 * for Elasticsearch distributions that ship without that module.
 */
public class TestAnalysisPlugin extends Plugin implements AnalysisPlugin {

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        Map<String, AnalysisProvider<TokenizerFactory>> tokenizers = new TreeMap<>();
        tokenizers.put("ngram", (indexSettings, env, name, settings) -> Tokenizers.ngram(indexSettings, name, settings));
        tokenizers.put("edge_ngram", (indexSettings, env, name, settings) -> Tokenizers.edgeNgram(indexSettings, name, settings));
        tokenizers.put("keyword", (indexSettings, env, name, settings) -> Tokenizers.keyword(name, settings));
        tokenizers.put("whitespace", (indexSettings, env, name, settings) -> Tokenizers.whitespace(name, settings));
        tokenizers.put("letter", (indexSettings, env, name, settings) -> Tokenizers.letter(name, settings));
        tokenizers.put("lowercase", (indexSettings, env, name, settings) -> Tokenizers.lowercase(name, settings));
        return tokenizers;
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        Map<String, AnalysisProvider<TokenFilterFactory>> filters = new TreeMap<>();
        filters.put("ngram", (indexSettings, env, name, settings) -> Filters.ngram(indexSettings, name, settings));
        filters.put("edge_ngram", (indexSettings, env, name, settings) -> Filters.edgeNgram(name, settings));
        filters.put("asciifolding", (indexSettings, env, name, settings) -> Filters.asciiFolding(name, settings));
        filters.put("porter_stem", (indexSettings, env, name, settings) -> Filters.porterStem(name));
        filters.put("kstem", (indexSettings, env, name, settings) -> Filters.kstem(name));
        filters.put("stemmer", (indexSettings, env, name, settings) -> Filters.stemmer(name, settings));
        filters.put("snowball", (indexSettings, env, name, settings) -> Filters.snowball(name, settings));
        filters.put(
            "synonym",
            requiresAnalysisSettings((indexSettings, env, name, settings) -> new SynonymFilterFactory(env, name, settings, false))
        );
        filters.put(
            "synonym_graph",
            requiresAnalysisSettings((indexSettings, env, name, settings) -> new SynonymFilterFactory(env, name, settings, true))
        );
        filters.put("unique", (indexSettings, env, name, settings) -> Filters.unique(name, settings));
        filters.put("trim", (indexSettings, env, name, settings) -> Filters.trim(name));
        filters.put("uppercase", (indexSettings, env, name, settings) -> Filters.uppercase(name));
        filters.put("decimal_digit", (indexSettings, env, name, settings) -> Filters.decimalDigit(name));
        filters.put("reverse", (indexSettings, env, name, settings) -> Filters.reverse(name));
        filters.put("length", (indexSettings, env, name, settings) -> Filters.length(name, settings));
        filters.put("truncate", (indexSettings, env, name, settings) -> Filters.truncate(name, settings));
        filters.put(
            "keyword_marker",
            requiresAnalysisSettings((indexSettings, env, name, settings) -> Filters.keywordMarker(env, name, settings))
        );
        filters.put("word_delimiter", (indexSettings, env, name, settings) -> Filters.wordDelimiter(env, name, settings, false));
        filters.put(
            "word_delimiter_graph",
            (indexSettings, env, name, settings) -> Filters.wordDelimiter(env, name, settings, true)
        );
        return filters;
    }

    @Override
    public Map<String, AnalysisProvider<CharFilterFactory>> getCharFilters() {
        Map<String, AnalysisProvider<CharFilterFactory>> charFilters = new TreeMap<>();
        charFilters.put("html_strip", (indexSettings, env, name, settings) -> {
            final List<String> tags = settings.getAsList("escaped_tags");
            final Set<String> escapedTags = tags.isEmpty() ? null : new HashSet<>(tags);
            return new CharFilterFactory() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public Reader create(Reader reader) {
                    return escapedTags == null ? new HTMLStripCharFilter(reader) : new HTMLStripCharFilter(reader, escapedTags);
                }
            };
        });
        return charFilters;
    }

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> analyzers = new TreeMap<>();
        analyzers.put("english", (indexSettings, env, name, settings) -> new EnglishAnalyzerProvider(env, name, settings));
        return analyzers;
    }

    @Override
    public List<PreBuiltAnalyzerProviderFactory> getPreBuiltAnalyzerProviderFactories() {
        return List.of(new PreBuiltAnalyzerProviderFactory("english", CachingStrategy.LUCENE, EnglishAnalyzer::new));
    }
}
