"""RSS 2.0 and Atom 1.0 feeds of the site, its sections, topics and authors."""
