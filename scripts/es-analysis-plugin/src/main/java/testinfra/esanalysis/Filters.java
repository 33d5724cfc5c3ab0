package testinfra.esanalysis;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.core.UpperCaseFilter;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.LengthFilter;
import org.apache.lucene.analysis.miscellaneous.PatternKeywordMarkerFilter;
import org.apache.lucene.analysis.miscellaneous.RemoveDuplicatesTokenFilter;
import org.apache.lucene.analysis.miscellaneous.SetKeywordMarkerFilter;
import org.apache.lucene.analysis.miscellaneous.TrimFilter;
import org.apache.lucene.analysis.miscellaneous.TruncateTokenFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.apache.lucene.analysis.reverse.ReverseStringFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.tartarus.snowball.ext.EnglishStemmer;

import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/** Token filter factories registered by {@link TestAnalysisPlugin}. */
final class Filters {

    private Filters() {}

    static TokenFilterFactory ngram(IndexSettings indexSettings, String name, Settings settings) {
        final int minGram = settings.getAsInt("min_gram", Tokenizers.DEFAULT_MIN_GRAM);
        final int maxGram = settings.getAsInt("max_gram", Tokenizers.DEFAULT_MAX_GRAM);
        final boolean preserveOriginal = settings.getAsBoolean("preserve_original", false);
        Tokenizers.checkNgramDiff(indexSettings, minGram, maxGram, "NGram Token Filter");
        return new SimpleFilterFactory(name, ts -> new NGramTokenFilter(ts, minGram, maxGram, preserveOriginal), false);
    }

    static TokenFilterFactory edgeNgram(String name, Settings settings) {
        final int minGram = settings.getAsInt("min_gram", Tokenizers.DEFAULT_MIN_GRAM);
        final int maxGram = settings.getAsInt("max_gram", Tokenizers.DEFAULT_MAX_GRAM);
        final boolean preserveOriginal = settings.getAsBoolean("preserve_original", false);
        final String side = settings.get("side", "front").toLowerCase(Locale.ROOT);
        final boolean back;
        switch (side) {
            case "front":
                back = false;
                break;
            case "back":
                back = true;
                break;
            default:
                throw new IllegalArgumentException("invalid side: [" + side + "], must be either [front] or [back]");
        }
        return new SimpleFilterFactory(name, ts -> {
            if (back) {
                return new ReverseStringFilter(
                    new EdgeNGramTokenFilter(new ReverseStringFilter(ts), minGram, maxGram, preserveOriginal)
                );
            }
            return new EdgeNGramTokenFilter(ts, minGram, maxGram, preserveOriginal);
        }, false);
    }

    static TokenFilterFactory asciiFolding(String name, Settings settings) {
        final boolean preserveOriginal = settings.getAsBoolean("preserve_original", false);
        final SimpleFilterFactory.Normalizing plain = new SimpleFilterFactory.Normalizing(
            name,
            ts -> new ASCIIFoldingFilter(ts, false)
        );
        if (preserveOriginal == false) {
            return plain;
        }
        return new SimpleFilterFactory.Normalizing(name, ts -> new ASCIIFoldingFilter(ts, true), ts -> new ASCIIFoldingFilter(ts, false)) {
            @Override
            public TokenFilterFactory getSynonymFilter() {
                // synonyms are parsed one-token-in, one-token-out: use the folded form only
                return plain;
            }
        };
    }

    static TokenFilterFactory stemmer(String name, Settings settings) {
        final String language = settings.get("language", settings.get("name", "porter"));
        final String key = language.toLowerCase(Locale.ROOT).replace("_", "");
        final UnaryOperator<TokenStream> op;
        switch (key) {
            case "english":
            case "porter":
                op = PorterStemFilter::new;
                break;
            case "lightenglish":
                op = KStemFilter::new;
                break;
            case "minimalenglish":
                op = EnglishMinimalStemFilter::new;
                break;
            case "possessiveenglish":
                op = EnglishPossessiveFilter::new;
                break;
            case "porter2":
                op = ts -> new SnowballFilter(ts, new EnglishStemmer());
                break;
            default:
                throw new IllegalArgumentException(
                    "stemmer language [" + language + "] is not supported by the test analysis plugin; supported: "
                        + "[english, porter, light_english, minimal_english, possessive_english, porter2]"
                );
        }
        return new SimpleFilterFactory(name, op);
    }

    static TokenFilterFactory snowball(String name, Settings settings) {
        String language = settings.get("language", settings.get("name", "English"));
        final String stemmer = language.isEmpty() ? language : Character.toUpperCase(language.charAt(0)) + language.substring(1);
        // fail at index creation time rather than on first use
        new SnowballFilter(new KeywordTokenizer(), stemmer);
        return new SimpleFilterFactory(name, ts -> new SnowballFilter(ts, stemmer));
    }

    static TokenFilterFactory unique(String name, Settings settings) {
        final boolean onlySamePosition = settings.getAsBoolean("only_on_same_position", false);
        return new SimpleFilterFactory(
            name,
            ts -> onlySamePosition ? new RemoveDuplicatesTokenFilter(ts) : new UniqueTokenFilter(ts)
        );
    }

    static TokenFilterFactory length(String name, Settings settings) {
        final int min = settings.getAsInt("min", 0);
        final int max = settings.getAsInt("max", Integer.MAX_VALUE);
        return new SimpleFilterFactory(name, ts -> new LengthFilter(ts, min, max));
    }

    static TokenFilterFactory truncate(String name, Settings settings) {
        final int length = settings.getAsInt("length", 10);
        if (length <= 0) {
            throw new IllegalArgumentException("length parameter must be provided");
        }
        return new SimpleFilterFactory(name, ts -> new TruncateTokenFilter(ts, length));
    }

    static TokenFilterFactory keywordMarker(Environment env, String name, Settings settings) {
        final boolean ignoreCase = settings.getAsBoolean("ignore_case", false);
        final String pattern = settings.get("keywords_pattern");
        final CharArraySet words = Analysis.getWordSet(env, settings, "keywords");
        if (pattern != null && words != null) {
            throw new IllegalArgumentException("cannot specify both `keywords_pattern` and `keywords` or `keywords_path`");
        }
        if (pattern != null) {
            final Pattern compiled = Pattern.compile(pattern);
            return new SimpleFilterFactory(name, ts -> new PatternKeywordMarkerFilter(ts, compiled));
        }
        if (words == null) {
            throw new IllegalArgumentException(
                "keyword filter requires either `keywords`, `keywords_path`, or `keywords_pattern` to be configured"
            );
        }
        final CharArraySet keywords = new CharArraySet(words, ignoreCase);
        return new SimpleFilterFactory(name, ts -> new SetKeywordMarkerFilter(ts, keywords));
    }

    static TokenFilterFactory wordDelimiter(Environment env, String name, Settings settings, boolean graph) {
        if (settings.get("type_table") != null || settings.get("type_table_path") != null) {
            throw new IllegalArgumentException("[type_table] is not supported by the test analysis plugin");
        }
        int flags = 0;
        // the flag values are identical in WordDelimiterFilter and WordDelimiterGraphFilter
        flags |= flag(settings, "generate_word_parts", true, WordDelimiterGraphFilter.GENERATE_WORD_PARTS);
        flags |= flag(settings, "generate_number_parts", true, WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS);
        flags |= flag(settings, "catenate_words", false, WordDelimiterGraphFilter.CATENATE_WORDS);
        flags |= flag(settings, "catenate_numbers", false, WordDelimiterGraphFilter.CATENATE_NUMBERS);
        flags |= flag(settings, "catenate_all", false, WordDelimiterGraphFilter.CATENATE_ALL);
        flags |= flag(settings, "split_on_case_change", true, WordDelimiterGraphFilter.SPLIT_ON_CASE_CHANGE);
        flags |= flag(settings, "preserve_original", false, WordDelimiterGraphFilter.PRESERVE_ORIGINAL);
        flags |= flag(settings, "split_on_numerics", true, WordDelimiterGraphFilter.SPLIT_ON_NUMERICS);
        flags |= flag(settings, "stem_english_possessive", true, WordDelimiterGraphFilter.STEM_ENGLISH_POSSESSIVE);
        flags |= flag(settings, "ignore_keywords", false, WordDelimiterGraphFilter.IGNORE_KEYWORDS);
        final int finalFlags = flags;
        final CharArraySet protectedWords = Analysis.getWordSet(env, settings, "protected_words");
        if (graph) {
            final boolean adjustOffsets = settings.getAsBoolean("adjust_offsets", true);
            return new SimpleFilterFactory(
                name,
                ts -> new WordDelimiterGraphFilter(
                    ts,
                    adjustOffsets,
                    org.apache.lucene.analysis.miscellaneous.WordDelimiterIterator.DEFAULT_WORD_DELIM_TABLE,
                    finalFlags,
                    protectedWords
                ),
                false
            );
        }
        return new SimpleFilterFactory(name, ts -> new WordDelimiterFilter(ts, finalFlags, protectedWords), false);
    }

    private static int flag(Settings settings, String key, boolean defaultValue, int flag) {
        return settings.getAsBoolean(key, defaultValue) ? flag : 0;
    }

    static TokenFilterFactory trim(String name) {
        return new SimpleFilterFactory.Normalizing(name, TrimFilter::new);
    }

    static TokenFilterFactory uppercase(String name) {
        return new SimpleFilterFactory.Normalizing(name, UpperCaseFilter::new);
    }

    static TokenFilterFactory decimalDigit(String name) {
        return new SimpleFilterFactory.Normalizing(name, DecimalDigitFilter::new);
    }

    static TokenFilterFactory reverse(String name) {
        return new SimpleFilterFactory(name, ReverseStringFilter::new);
    }

    static TokenFilterFactory porterStem(String name) {
        return new SimpleFilterFactory(name, PorterStemFilter::new);
    }

    static TokenFilterFactory kstem(String name) {
        return new SimpleFilterFactory(name, KStemFilter::new);
    }
}
