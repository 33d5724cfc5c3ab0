package testinfra.esanalysis;

import org.apache.lucene.analysis.TokenStream;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;

import java.util.function.UnaryOperator;

/** A token filter factory built from a function; optionally refuses to take part in synonym parsing. */
class SimpleFilterFactory implements TokenFilterFactory {

    private final String name;
    private final UnaryOperator<TokenStream> filter;
    private final boolean usableForSynonyms;

    SimpleFilterFactory(String name, UnaryOperator<TokenStream> filter, boolean usableForSynonyms) {
        this.name = name;
        this.filter = filter;
        this.usableForSynonyms = usableForSynonyms;
    }

    SimpleFilterFactory(String name, UnaryOperator<TokenStream> filter) {
        this(name, filter, true);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return filter.apply(tokenStream);
    }

    @Override
    public TokenFilterFactory getSynonymFilter() {
        if (usableForSynonyms) {
            return this;
        }
        throw new IllegalArgumentException("Token filter [" + name + "] cannot be used to parse synonyms");
    }

    /** A filter that may also be used in normalizers (keyword fields, term-level query normalisation). */
    static class Normalizing extends SimpleFilterFactory implements NormalizingTokenFilterFactory {
        private final UnaryOperator<TokenStream> normalizer;

        Normalizing(String name, UnaryOperator<TokenStream> filter, UnaryOperator<TokenStream> normalizer) {
            super(name, filter, true);
            this.normalizer = normalizer;
        }

        Normalizing(String name, UnaryOperator<TokenStream> filter) {
            this(name, filter, filter);
        }

        @Override
        public TokenStream normalize(TokenStream tokenStream) {
            return normalizer.apply(tokenStream);
        }
    }
}
