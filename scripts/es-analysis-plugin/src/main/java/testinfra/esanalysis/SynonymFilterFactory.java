package testinfra.esanalysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymFilter;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.synonym.WordnetSynonymParser;
import org.apache.lucene.util.CharsRef;
import org.apache.lucene.util.CharsRefBuilder;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexService.IndexCreationContext;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.AnalysisMode;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.CustomAnalyzer;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * {@code synonym} and {@code synonym_graph} token filters.
 *
 * <p>The rules are analysed with the analysis chain that precedes the filter
 * (tokenizer, char filters and the earlier token filters), so that e.g. with
 * {@code standard + lowercase} the rule {@code NHS, National Health Service}
 * matches lowercased input. This happens in
 * {@link #getChainAwareTokenFilterFactory}, which Elasticsearch calls when it
 * assembles a custom analyzer.
 */
final class SynonymFilterFactory implements TokenFilterFactory {

    private final String name;
    private final boolean graph;
    private final Environment environment;
    private final List<String> inlineRules;
    private final String rulesPath;
    private final boolean expand;
    private final boolean lenient;
    private final String format;
    private final AnalysisMode analysisMode;

    SynonymFilterFactory(Environment environment, String name, Settings settings, boolean graph) {
        this.name = name;
        this.graph = graph;
        this.environment = environment;
        if (settings.get("synonyms_set") != null) {
            throw new IllegalArgumentException(
                "[synonyms_set] (the synonyms API) is not supported by the test analysis plugin; use [synonyms] or [synonyms_path]"
            );
        }
        this.inlineRules = settings.getAsList("synonyms", null, false);
        this.rulesPath = settings.get("synonyms_path");
        if (inlineRules == null && rulesPath == null) {
            throw new IllegalArgumentException("synonym requires either `synonyms`, `synonyms_set` or `synonyms_path` to be configured");
        }
        this.expand = settings.getAsBoolean("expand", true);
        this.lenient = settings.getAsBoolean("lenient", false);
        this.format = settings.get("format", "solr").toLowerCase(Locale.ROOT);
        if (format.equals("solr") == false && format.equals("wordnet") == false) {
            throw new IllegalArgumentException("synonym format [" + format + "] is not supported, use [solr] or [wordnet]");
        }
        this.analysisMode = settings.getAsBoolean("updateable", false) ? AnalysisMode.SEARCH_TIME : AnalysisMode.ALL;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        throw new IllegalStateException(
            "Call getChainAwareTokenFilterFactory to specialize the synonym filter [" + name + "] for an analysis chain first"
        );
    }

    @Override
    public AnalysisMode getAnalysisMode() {
        return analysisMode;
    }

    @Override
    public String getResourceName() {
        return rulesPath;
    }

    @Override
    public TokenFilterFactory getChainAwareTokenFilterFactory(
        IndexCreationContext context,
        TokenizerFactory tokenizer,
        List<CharFilterFactory> charFilters,
        List<TokenFilterFactory> previousTokenFilters,
        Function<String, TokenFilterFactory> allFilters
    ) {
        final TokenFilterFactory[] parsingFilters = previousTokenFilters.stream()
            .map(TokenFilterFactory::getSynonymFilter)
            .toArray(TokenFilterFactory[]::new);
        final SynonymMap map;
        try (Analyzer analyzer = new CustomAnalyzer(tokenizer, charFilters.toArray(new CharFilterFactory[0]), parsingFilters)) {
            map = buildMap(analyzer);
        }
        final String filterName = name;
        final boolean graphFilter = graph;
        final AnalysisMode mode = analysisMode;
        final String resource = rulesPath;
        return new TokenFilterFactory() {
            @Override
            public String name() {
                return filterName;
            }

            @Override
            public TokenStream create(TokenStream tokenStream) {
                if (map.fst == null) {
                    return tokenStream; // no rules
                }
                return graphFilter ? new SynonymGraphFilter(tokenStream, map, false) : new SynonymFilter(tokenStream, map, false);
            }

            @Override
            public TokenFilterFactory getSynonymFilter() {
                // a synonym filter in front of another one does not take part in parsing the second one's rules
                return IDENTITY_FILTER;
            }

            @Override
            public AnalysisMode getAnalysisMode() {
                return mode;
            }

            @Override
            public String getResourceName() {
                return resource;
            }
        };
    }

    private Reader rulesReader() {
        if (inlineRules == null) {
            return Analysis.getReaderFromFile(environment, rulesPath, "synonyms_path");
        }
        return new StringReader(String.join("\n", inlineRules));
    }

    private SynonymMap buildMap(Analyzer analyzer) {
        try (Reader rules = rulesReader()) {
            SynonymMap.Parser parser = "wordnet".equals(format)
                ? new LenientWordnetParser(expand, analyzer, lenient)
                : new LenientSolrParser(expand, analyzer, lenient);
            parser.parse(rules);
            return parser.build();
        } catch (Exception e) {
            throw new IllegalArgumentException("failed to build synonyms", e);
        }
    }

    private static CharsRef analyzeOrSkip(String text, CharsRefBuilder reuse, IOExceptionAnalyze fn)
        throws IOException {
        try {
            return fn.analyze(text, reuse);
        } catch (IllegalArgumentException e) {
            // lenient: a rule term that analyses to nothing (e.g. a stop word) is skipped
            reuse.clear();
            return reuse.get();
        }
    }

    @FunctionalInterface
    private interface IOExceptionAnalyze {
        CharsRef analyze(String text, CharsRefBuilder reuse) throws IOException;
    }

    private static final class LenientSolrParser extends SolrSynonymParser {
        private final boolean lenient;

        LenientSolrParser(boolean expand, Analyzer analyzer, boolean lenient) {
            super(true, expand, analyzer);
            this.lenient = lenient;
        }

        @Override
        public CharsRef analyze(String text, CharsRefBuilder reuse) throws IOException {
            if (lenient == false) {
                return super.analyze(text, reuse);
            }
            return analyzeOrSkip(text, reuse, super::analyze);
        }

        @Override
        public void add(CharsRef input, CharsRef output, boolean includeOrig) {
            if (lenient && (input.length == 0 || output.length == 0)) {
                return;
            }
            super.add(input, output, includeOrig);
        }
    }

    private static final class LenientWordnetParser extends WordnetSynonymParser {
        private final boolean lenient;

        LenientWordnetParser(boolean expand, Analyzer analyzer, boolean lenient) {
            super(true, expand, analyzer);
            this.lenient = lenient;
        }

        @Override
        public CharsRef analyze(String text, CharsRefBuilder reuse) throws IOException {
            if (lenient == false) {
                return super.analyze(text, reuse);
            }
            return analyzeOrSkip(text, reuse, super::analyze);
        }

        @Override
        public void add(CharsRef input, CharsRef output, boolean includeOrig) {
            if (lenient && (input.length == 0 || output.length == 0)) {
                return;
            }
            super.add(input, output, includeOrig);
        }
    }
}
