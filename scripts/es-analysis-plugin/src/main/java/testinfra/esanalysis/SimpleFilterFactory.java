package testinfra.esanalysis;

import org.apache.lucene.analysis.TokenStream;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;

import java.util.function.UnaryOperator;

/** A token filter factory built from a function. */
class SimpleFilterFactory implements TokenFilterFactory {

    private final String name;
    private final UnaryOperator<TokenStream> filter;

    SimpleFilterFactory(String name, UnaryOperator<TokenStream> filter) {
        this.name = name;
        this.filter = filter;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return filter.apply(tokenStream);
    }

    /** A filter also applied when query terms are normalised (prefix and phrase-prefix queries). */
    static class Normalizing extends SimpleFilterFactory implements NormalizingTokenFilterFactory {

        Normalizing(String name, UnaryOperator<TokenStream> filter) {
            super(name, filter);
        }

        @Override
        public TokenStream normalize(TokenStream tokenStream) {
            return create(tokenStream);
        }
    }
}
