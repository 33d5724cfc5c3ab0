package testinfra.esanalysis;

import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.core.LetterTokenizer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.apache.lucene.util.AttributeFactory;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.TokenizerFactory;

import java.util.function.IntPredicate;

/** Tokenizer factories registered by {@link TestAnalysisPlugin}. */
final class Tokenizers {

    static final int DEFAULT_MIN_GRAM = 1;
    static final int DEFAULT_MAX_GRAM = 2;
    static final int DEFAULT_MAX_TOKEN_LENGTH = 255;

    private Tokenizers() {}

    /** Same rule as Elasticsearch: max_gram - min_gram may not exceed index.max_ngram_diff. */
    static void checkNgramDiff(IndexSettings indexSettings, int minGram, int maxGram, String what) {
        int allowed = indexSettings.getMaxNgramDiff();
        int diff = maxGram - minGram;
        if (diff > allowed) {
            throw new IllegalArgumentException(
                "The difference between max_gram and min_gram in " + what + " must be less than or equal to: ["
                    + allowed + "] but was [" + diff + "]. This limit can be set by changing the ["
                    + IndexSettings.MAX_NGRAM_DIFF_SETTING.getKey() + "] index level setting."
            );
        }
    }

    static TokenizerFactory ngram(IndexSettings indexSettings, String name, Settings settings) {
        final int minGram = settings.getAsInt("min_gram", DEFAULT_MIN_GRAM);
        final int maxGram = settings.getAsInt("max_gram", DEFAULT_MAX_GRAM);
        checkNgramDiff(indexSettings, minGram, maxGram, "NGram Tokenizer");
        final IntPredicate tokenChars = TokenChars.parse(settings);
        return TokenizerFactory.newFactory(name, () -> tokenChars == null
            ? new NGramTokenizer(minGram, maxGram)
            : new ClassNGramTokenizer(minGram, maxGram, tokenChars));
    }

    static TokenizerFactory edgeNgram(IndexSettings indexSettings, String name, Settings settings) {
        final int minGram = settings.getAsInt("min_gram", DEFAULT_MIN_GRAM);
        final int maxGram = settings.getAsInt("max_gram", DEFAULT_MAX_GRAM);
        final IntPredicate tokenChars = TokenChars.parse(settings);
        return TokenizerFactory.newFactory(name, () -> tokenChars == null
            ? new EdgeNGramTokenizer(minGram, maxGram)
            : new ClassEdgeNGramTokenizer(minGram, maxGram, tokenChars));
    }

    static TokenizerFactory keyword(String name, Settings settings) {
        final int bufferSize = settings.getAsInt("buffer_size", 256);
        return TokenizerFactory.newFactory(name, () -> new KeywordTokenizer(bufferSize));
    }

    static TokenizerFactory whitespace(String name, Settings settings) {
        final int maxTokenLength = settings.getAsInt("max_token_length", DEFAULT_MAX_TOKEN_LENGTH);
        return TokenizerFactory.newFactory(
            name,
            () -> new WhitespaceTokenizer(AttributeFactory.DEFAULT_ATTRIBUTE_FACTORY, maxTokenLength)
        );
    }

    static TokenizerFactory letter(String name, Settings settings) {
        return TokenizerFactory.newFactory(name, LetterTokenizer::new);
    }

    static TokenizerFactory lowercase(String name, Settings settings) {
        return TokenizerFactory.newFactory(name, LowercaseLetterTokenizer::new);
    }

    /** n-gram tokenizer restricted to the configured character classes. */
    static final class ClassNGramTokenizer extends NGramTokenizer {
        private final IntPredicate tokenChars;

        ClassNGramTokenizer(int minGram, int maxGram, IntPredicate tokenChars) {
            super(minGram, maxGram);
            this.tokenChars = tokenChars;
        }

        @Override
        protected boolean isTokenChar(int chr) {
            return tokenChars.test(chr);
        }
    }

    /** Edge n-gram tokenizer restricted to the configured character classes. */
    static final class ClassEdgeNGramTokenizer extends EdgeNGramTokenizer {
        private final IntPredicate tokenChars;

        ClassEdgeNGramTokenizer(int minGram, int maxGram, IntPredicate tokenChars) {
            super(minGram, maxGram);
            this.tokenChars = tokenChars;
        }

        @Override
        protected boolean isTokenChar(int chr) {
            return tokenChars.test(chr);
        }
    }
}
