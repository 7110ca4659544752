"""Clinical text matching: sentence segmentation, lexicons declared as data, and ConText-style
flags (negated, hypothetical, historical, other experiencer) for every match.

`sentences.sentence_spans`, `lexicon.load_lexicon` and `lexicon.Match` are the public API;
`phrases` and `context` are the machinery beneath them.
"""
