package testinfra.esanalysis;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.AnalyzerScope;

/**
 * The {@code english} analyzer type: standard tokenizer, English possessive
 * removal, lowercase, English stop words, optional stem exclusions, Porter stemmer.
 * Settings: {@code stopwords}, {@code stopwords_path}, {@code stem_exclusion}.
 */
final class EnglishAnalyzerProvider implements AnalyzerProvider<EnglishAnalyzer> {

    private final String name;
    private final EnglishAnalyzer analyzer;

    EnglishAnalyzerProvider(Environment env, String name, Settings settings) {
        this.name = name;
        this.analyzer = new EnglishAnalyzer(
            Analysis.parseStopWords(env, settings, EnglishAnalyzer.getDefaultStopSet()),
            Analysis.parseStemExclusion(settings, CharArraySet.EMPTY_SET)
        );
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public AnalyzerScope scope() {
        return AnalyzerScope.INDEX;
    }

    @Override
    public EnglishAnalyzer get() {
        return analyzer;
    }
}
