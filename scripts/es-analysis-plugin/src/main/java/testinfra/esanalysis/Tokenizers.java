package testinfra.esanalysis;

import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.TokenizerFactory;

/** Tokenizer factories registered by {@link TestAnalysisPlugin}. */
final class Tokenizers {

    static final int DEFAULT_MIN_GRAM = 1;
    static final int DEFAULT_MAX_GRAM = 2;

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
        return TokenizerFactory.newFactory(name, () -> new NGramTokenizer(minGram, maxGram));
    }

    static TokenizerFactory edgeNgram(String name, Settings settings) {
        final int minGram = settings.getAsInt("min_gram", DEFAULT_MIN_GRAM);
        final int maxGram = settings.getAsInt("max_gram", DEFAULT_MAX_GRAM);
        return TokenizerFactory.newFactory(name, () -> new EdgeNGramTokenizer(minGram, maxGram));
    }
}
