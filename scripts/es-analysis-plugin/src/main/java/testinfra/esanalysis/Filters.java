package testinfra.esanalysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.TokenFilterFactory;

import java.util.Locale;
import java.util.function.UnaryOperator;

/** Token filter factories registered by {@link TestAnalysisPlugin}. */
final class Filters {

    private Filters() {}

    static TokenFilterFactory ngram(IndexSettings indexSettings, String name, Settings settings) {
        final int minGram = settings.getAsInt("min_gram", Tokenizers.DEFAULT_MIN_GRAM);
        final int maxGram = settings.getAsInt("max_gram", Tokenizers.DEFAULT_MAX_GRAM);
        final boolean preserveOriginal = settings.getAsBoolean("preserve_original", false);
        Tokenizers.checkNgramDiff(indexSettings, minGram, maxGram, "NGram Token Filter");
        return new SimpleFilterFactory(name, ts -> new NGramTokenFilter(ts, minGram, maxGram, preserveOriginal));
    }

    static TokenFilterFactory edgeNgram(String name, Settings settings) {
        final int minGram = settings.getAsInt("min_gram", Tokenizers.DEFAULT_MIN_GRAM);
        final int maxGram = settings.getAsInt("max_gram", Tokenizers.DEFAULT_MAX_GRAM);
        final boolean preserveOriginal = settings.getAsBoolean("preserve_original", false);
        return new SimpleFilterFactory(name, ts -> new EdgeNGramTokenFilter(ts, minGram, maxGram, preserveOriginal));
    }

    static TokenFilterFactory asciiFolding(String name) {
        return new SimpleFilterFactory.Normalizing(name, ts -> new ASCIIFoldingFilter(ts, false));
    }

    static TokenFilterFactory stemmer(String name, Settings settings) {
        final String language = settings.get("language", settings.get("name", "porter"));
        final UnaryOperator<TokenStream> op;
        switch (language.toLowerCase(Locale.ROOT)) {
            case "english":
            case "porter":
                op = PorterStemFilter::new;
                break;
            case "possessive_english":
                op = EnglishPossessiveFilter::new;
                break;
            default:
                throw new IllegalArgumentException(
                    "stemmer language [" + language + "] is not supported by the test analysis plugin; supported: "
                        + "[english, porter, possessive_english]"
                );
        }
        return new SimpleFilterFactory(name, op);
    }
}
