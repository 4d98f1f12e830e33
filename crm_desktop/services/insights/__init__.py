"""Results in words: the phrasebook (every sentence, in English, by key), rendering sentences
(:mod:`.render`), the summary sentences of each analysis (:mod:`.summary`) and the reasons per
customer or deal (:mod:`.reasons`)."""
