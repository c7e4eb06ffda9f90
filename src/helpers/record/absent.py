"""What a finding or a chart says when the record holds nothing for it yet: one wording for both."""

NO_HEADLINE = "No figure for all the troops sent to Russia is in the record yet, so there is no headline figure."
NO_CASUALTIES = "No casualty figure is in the record yet."
NO_CASUALTY_TOTAL = "No casualty total (killed and wounded together, given as one sum or both given the same day) is in the record yet."
