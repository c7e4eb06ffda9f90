"""The sentences the notebooks state as findings, computed from the record so a data change shows.

Each function returns Markdown in which every piece of data text is escaped.
"""

import pandas as pd

from helpers import costs, estimates, places, provenance
from helpers.record.absent import NO_CASUALTIES, NO_CASUALTY_TOTAL, NO_HEADLINE
from helpers.record.changelog import record_name, version_date
from helpers.notebook import escape, finding
from helpers.record import Record
from helpers.record.verify import QUOTE_STATUS_MEANINGS
from helpers.record.wording import dated


def _day(date: pd.Timestamp) -> str:
    return f"{date:%-d %B %Y}"


def record_overview(record: Record):
    claims = record.claims
    statuses = provenance.quote_status_counts(record)
    checked = "; ".join(f"{count} {escape(QUOTE_STATUS_MEANINGS[name])}" for name, count in statuses.items() if count)
    return finding(
        f"**The {record_name(record.data_dir)}** holds {len(claims)} figures as reported, from "
        f"{claims['statement_id'].nunique()} statements by {claims['claimant_id'].nunique()} claimants in "
        f"{claims['source_id'].nunique()} stories, said between {_day(claims['said_on'].min())} and "
        f"{_day(claims['said_on'].max())}. Quotes: {checked}."
    )


def growth(record: Record):
    steps = estimates.headline_steps(record)
    if steps.empty:
        return finding(NO_HEADLINE)
    when = dated(steps["said_on"], steps["day_known"])
    path = " → ".join(f"{f:,} ({escape(c)}, {d})" for f, c, d in zip(steps["figure"], steps["claimant"], when))
    as_worded = "; ".join(escape(w) for w in steps["wordings"])
    if len(steps) == 1:
        return finding(f"**The largest official figure for North Korean troops in Russia is the only one said so "
                       f"far:** {path}. As the stories worded it: {as_worded}.")
    g = estimates.growth(record)
    return finding(
        f"**The largest official figure for North Korean troops in Russia grew {g['multiple']:.1f}-fold in "
        f"{g['days']} days**, in {g['steps'] - 1} steps up: {path}. As the stories worded them: {as_worded}. "
        f"No single claimant said all of them: each step came from whoever spoke next with a larger number."
        if steps["claimant"].nunique() > 1 else
        f"**The largest official figure for North Korean troops in Russia grew {g['multiple']:.1f}-fold in "
        f"{g['days']} days**, in {g['steps'] - 1} steps up: {path}. As the stories worded them: {as_worded}. "
        f"One claimant said all of them."
    )


def pledge_reached(record: Record):
    table = estimates.statements(record)
    pledges = table[table["measure"] == "pledged"]
    steps = estimates.headline_steps(record)
    lines = []
    for pledge in pledges.itertuples():
        reached = steps[steps["figure"] >= pledge.figure]
        when = (f"the headline reached it on {_day(reached.iloc[0]['said_on'])} "
                f"({escape(reached.iloc[0]['claimant'])}, {reached.iloc[0]['figure']:,})") if len(reached) else \
            "the headline has not reached it"
        lines.append(f"{escape(pledge.claimant)} said North Korea had pledged {escape(pledge.wordings)} in total "
                     f"(by {_day(pledge.said_on)}); {when}.")
    return finding(" ".join(lines) if lines else "No pledge is recorded.")


def disagreement(record: Record):
    table = estimates.disagreement(record)
    if table.empty or table["claimants"].max() < 2:
        said = ", ".join(escape(c) for c in estimates.statements(record).query("measure == 'sent'")["claimant"].unique())
        return finding(f"Only {said} has given figures for troops sent: there is no other claimant to compare with yet."
                       if said else "No claimant has given a figure for troops sent yet, so there is nothing to compare.")
    last = table.iloc[-1]
    now = estimates.last_current_disagreement(record)
    widest = table.loc[table["ratio"].idxmax()]
    text = (f"On {_day(last['date'])} the claimants' latest figures for troops sent ranged from {last['lowest']:,} to "
            f"{last['highest']:,} ({last['ratio']:.1f}-fold), but much of that gap is age: figures said months apart. "
            f"The widest gap, {widest['ratio']:.1f}-fold, was on {_day(widest['date'])}.")
    if now is not None:
        # Each compared claimant's figure as worded: equal figures can stand for different intervals.
        in_force = estimates.latest_by_date(record)
        compared = in_force[(in_force["date"] == now["date"]) & in_force["claimant"].isin(now.dropna().index)]
        when = dated(compared["said_on"], compared["day_known"])
        said = " and ".join(f"{escape(w)} ({escape(c)}, {d})"
                            for w, c, d in zip(compared["wordings"], compared["claimant"], when))
        apart = (f"figures that meet at {now['highest']:,}" if now["highest"] == now["lowest"] else
                 f"figures {now['ratio']:.1f}-fold apart")
        text += (f" The last time two or more claimants gave figures within a week of each other, on "
                 f"{_day(now['date'])}, they said {said}: {apart}, with intervals that "
                 f"{'overlap' if now['intervals_overlap'] else 'do not overlap'}.")
    return finding(text)


def framing(record: Record):
    conflicts = estimates.framing_conflicts(record)
    if conflicts.empty:
        return finding("No statement was reported with different qualifiers: every story worded each figure alike.")
    lines = []
    for statement_id, rows in conflicts.groupby("statement_id", sort=False):
        kind = rows["conflict"].iloc[0]
        readings = "; ".join(f"{escape(o)}: “{escape(w)}”" for o, w in zip(rows["outlet"], rows["as_worded"]))
        one_story = " (some within a single story)" if rows["in_one_story"].any() else ""
        lines.append(f"- **{escape(rows['claimant_short_name'].iloc[0])}** ({escape(statement_id)}) — {kind}{one_story}: "
                     f"{readings}")
    heading = f"{conflicts['statement_id'].nunique()} statements were reported with different qualifiers:"
    return finding("\n".join([heading, *lines]))


def measure_mixups(record: Record):
    mixups = estimates.measure_mixups(record)
    when = dated(mixups["said_on"], mixups["day_known"])
    lines = []
    for figure, rows in mixups.assign(when=when).groupby("figure"):
        meanings = "; ".join(f"{escape(m)} ({escape(w)}; {escape(c)}, {d})"
                             for m, w, c, d in zip(rows["measure_label"], rows["wordings"], rows["claimant"], rows["when"]))
        lines.append(f"- **{figure:,}** stands for {rows['measure_label'].nunique()} different things in {len(rows)} "
                     f"statements: {meanings}")
    return finding("\n".join(["The same number, different things counted:", *lines]) if lines else
                   "No figure is used for two different measures.")


def locations(record: Record):
    shares = estimates.parts_of_totals(record)
    names = record.locations.set_index("location")["name"]
    shares = shares.assign(when=dated(shares["said_on"], shares["day_known"], "%-d %B %Y"))
    lines = [
        f"- {escape(s.claimant)} ({s.when}): {escape(s.wordings)} {escape(places.where_phrase(s.measure_label, names.get(s.locations, s.locations)))}"
        + (f" — no total of {escape(s.claimant)}'s by then to compare it with" if pd.isna(s.total) else
           f", of {escape(s.total_wordings)} in all — {s.share:.0%}"
           + (f" (between {s.share_low:.0%} and {s.share_high:.0%} as the qualifiers allow)"
              if pd.notna(s.share_low) and pd.notna(s.share_high) else
              f" (at least {s.share_low:.0%}; the qualifier leaves the top open)" if pd.notna(s.share_low) else ""))
        for s in shares.itertuples()
    ]
    stops = places.route(record)
    route = (f"The route the stories describe: {' → '.join(escape(n) for n in stops['name'])}." if len(stops) else
             "No place in the record has a place on the route.")
    heading = ("Parts of the total said to be nearer the front:" if lines else
               "No figure for a part of the troops (in a region, toward the front) is in the record yet.")
    return finding("\n".join([heading, *lines, "", route]))


def who_said_it(record: Record):
    claims = record.claims
    kinds = claims["speaker_kind"].value_counts()
    coverage = provenance.coverage(record)
    lags = provenance.publication_lag(record)
    dated = lags[lags["lag_max"].notna()]
    parts = ", ".join(f"{kinds.get(k, 0)} {k}" for k in ("named", "anonymous", "institutional", "unattributed"))
    counted = (f"Of {len(claims)} figures, {parts}. {int((coverage['stories'] > 1).sum())} of {len(coverage)} "
               f"statements were carried by more than one story.")
    unknown = (f"for {len(lags) - len(dated)} figures the lag is unknown, because the story dates the statement only as "
               f"\"no later than\" itself or the page shows no date.")
    if dated.empty:
        return finding(f"{counted} No story both dates its statement and shows its own date: {unknown}")
    return finding(
        f"{counted} Where the story dates the statement, it reached print "
        f"{dated['lag_min'].min()}–{dated['lag_max'].max()} days later (median {dated['lag_max'].median():.0f}); "
        f"{unknown}"
    )


def quotes(record: Record):
    statuses = provenance.quote_status_counts(record)
    lines = [f"- {count} — {escape(QUOTE_STATUS_MEANINGS[name])}" for name, count in statuses.items() if count]
    # No path is printed: it differs between checkouts and would break the notebook comparison.
    where = ("the archived stories" if record.archive_dir is not None
             else "no archive (the archive folder is not beside the project)")
    return finding("\n".join([f"Quote checks against {where}:", *lines]))


def cost_overview(record: Record):
    totals = costs.casualty_totals(record)
    statements = costs.casualty_statements(record)
    if statements.empty:
        return finding(NO_CASUALTIES)
    claimants = statements["claimant"].nunique()
    counted = (f"{len(statements)} casualty statements by {claimants} claimant{'s' if claimants != 1 else ''}, from "
               f"{_day(statements['said_on'].min())} to {_day(statements['said_on'].max())}.")
    if totals.empty:
        return finding(f"{counted} None gives killed and wounded together, or both on one day, so there is no total yet.")
    first, last = totals.iloc[0], totals.iloc[-1]
    names = record.locations.set_index("location")["name"]

    def total(row) -> str:
        return (f"{row['total']:,} ({escape(row['wordings'])}, in {escape(_places(row['locations'], names))}; "
                f"{escape(row['claimant'])}, {_day(row['said_on'])})")

    if len(totals) == 1:
        return finding(f"{counted} Killed and wounded together: {total(first)}, the only total so far.")
    moved = "rose" if last["total"] > first["total"] else "fell" if last["total"] < first["total"] else "went"
    return finding(f"{counted} Killed and wounded together {moved} from {total(first)} to {total(last)}.")


def _places(locations: str, names: pd.Series) -> str:
    """A statement's locations ("kursk_oblast, russia") by name."""
    return " and ".join(names.get(location, location) for location in locations.split(", "))


def casualty_disagreements(record: Record):
    pairs = costs.casualty_disagreements(record)
    names = record.locations.set_index("location")["name"]

    def side(claimant, total, basis, wordings, locations, said_on) -> str:
        return (f"{escape(claimant)} {total:,} ({escape(basis)}: {escape(wordings)}, in "
                f"{escape(_places(locations, names))}; {_day(said_on)})")

    lines = [
        f"- {side(p.claimant, p.total, p.basis, p.wordings, p.locations, p.said_on)} against "
        f"{side(p.claimant_other, p.total_other, p.basis_other, p.wordings_other, p.locations_other, p.said_on_other)}: "
        + ("the same number" if p.total == p.total_other else f"{p.ratio:.2f}-fold")
        + f", with intervals that {'overlap' if p.intervals_overlap else 'do not overlap'}; "
        + {0: "said the same day", 1: "1 day apart"}.get(p.days_apart, f"{p.days_apart} days apart")
        for p in pairs.itertuples()
    ]
    return finding("\n".join(["Casualty totals said within a week of each other:", *lines]) if lines else
                   "No two claimants gave casualty totals within a week of each other.")


def casualty_rate(record: Record):
    rates = costs.casualty_rates(record)
    if rates.empty:
        return finding(f"{NO_CASUALTY_TOTAL} There is no share of the troops sent to work out.")
    lines = []
    for r in rates.itertuples():
        if pd.isna(r.denominator):
            lines.append(f"- {escape(r.claimant)}, {_day(r.said_on)}: {r.total:,} — no figure of troops sent by that day "
                         f"to divide by")
            continue
        low = f"{r.rate_low:.0%}" if pd.notna(r.rate_low) else "open"
        high = f"{r.rate_high:.0%}" if pd.notna(r.rate_high) else "open"
        # The words only where they say more than the number ("exceeded 3,000", not "4,000 (4,000)").
        total = f"{r.total:,}" + (f" ({escape(r.wordings)})" if r.wordings != f"{r.total:,}" else "")
        troops = (f"{escape(r.denominator_wordings)}; " if r.denominator_wordings != f"{r.denominator:,}" else "")
        lines.append(f"- {escape(r.claimant)}, {_day(r.said_on)}: {total} of {r.denominator:,} "
                     f"({troops}{escape(r.denominator_basis)}) — {r.rate:.0%}, range {low} to {high}")
    return finding("\n".join(["Casualties as a share of the troops sent:", *lines]))


def latest_entries(record: Record) -> list[dict]:
    """The newest figure of each kind as plain text, for this finding and the report's index (which escapes it)."""
    latest = estimates.latest_figures(record)
    claims = record.claims.set_index("claim_id")
    status = provenance.quote_status(record).set_index("claim_id")["quote_status"]
    names = record.locations.set_index("location")["name"]
    parts = latest["measure"].map(record.measures.set_index("measure")["part_of_total"]).astype(bool)
    when = dated(latest["said_on"], latest["day_known"], "%-d %b %Y")
    entries = []
    for row, part, day in zip(latest.itertuples(), parts, when):
        detail = [row.subset] if row.subset else []
        detail += [_places(row.locations, names)] if part else []
        first = claims.loc[row.first_claim]
        entries.append({
            "kind": row.measure_label[:1].upper() + row.measure_label[1:] + (f" ({', '.join(detail)})" if detail else ""),
            "figure": row.wordings,
            "claimant": row.claimant,
            "said": day,
            "age": {0: "said on the record's date", 1: "1 day old"}.get(row.days_old, f"{row.days_old:,} days old"),
            "quote": first["quote"],
            "outlet": first["outlet"],
            "checked": QUOTE_STATUS_MEANINGS[status[row.first_claim]],
        })
    return entries


def largest_now(record: Record) -> str:
    """The headline's last step in plain text, or a sentence saying there is none."""
    steps = estimates.headline_steps(record)
    if steps.empty:
        return "The record holds no official figure yet for all the troops in Russia."
    last = steps.iloc[-1]
    said = dated(steps["said_on"].tail(1), steps["day_known"].tail(1), "%-d %b %Y").iloc[0]
    return (f"The largest official figure for all the troops in Russia is {last['wordings']} "
            f"({last['claimant']}, {said}).")


def latest(record: Record):
    """What is the number now: the newest figure of each kind, with its words and its age on the record's date."""
    lines = [f"- **{escape(e['kind'])}: {escape(e['figure'])}** — {escape(e['claimant'])}, {escape(e['said'])} "
             f"({escape(e['age'])}); "
             + (f"“{escape(e['quote'])}” ({escape(e['outlet'])}, {escape(e['checked'])})" if e["quote"] else
                f"{escape(e['outlet'])}'s paraphrase, no words quoted")
             for e in latest_entries(record)]
    return finding("\n".join([escape(largest_now(record)), "",
                              f"The newest figure of each kind, as of {_day(version_date(record))}:", *lines]))


def admissions(record: Record, counts: str):
    """What the governments that sent or received the troops said of `counts` ("troops", "casualties"), each beside
    the other claimants' nearest figure for the same measure."""
    table = estimates.admissions(record, counts)
    if table.empty:
        return finding(f"Neither government that sent or received the troops has given a figure of {counts} in the "
                       "record yet.")
    names = record.locations.set_index("location")["name"]

    def side(claimant, wordings, measure_label, subset, locations, said_on, day_known) -> str:
        part = f"{escape(subset)}; " if subset else ""
        when = dated(pd.Series([said_on]), pd.Series([day_known]), "%-d %b %Y").iloc[0]
        return (f"{escape(claimant)}: {escape(wordings)} {escape(measure_label)} "
                f"({part}in {escape(_places(locations, names))}; {when})")

    lines = []
    for statement_id, rows in table.groupby("statement_id", sort=False):
        own = rows.iloc[0]
        lines.append(f"- **{side(own.claimant, own.wordings, own.measure_label, own.subset, own.locations, own.said_on, own.day_known)}**")
        for other in rows.dropna(subset=["statement_id_other"]).itertuples():
            gap = {0: "the same day"}.get(other.days_apart, f"{abs(other.days_apart)} days "
                                          + ("before" if other.days_apart < 0 else "after"))
            scale = (f" — {other.multiple:.1f}× the admitted figure" if pd.notna(other.multiple) else
                     " — a different part of the troops, so no multiple")
            lines.append(f"  - {gap}, {side(other.claimant_other, other.wordings_other, other.measure_label_other, other.subset_other, other.locations_other, other.said_on_other, other.day_known_other)}{scale}")
        if rows["statement_id_other"].isna().all():
            lines.append("  - no other claimant gave a figure of this kind")
    return finding("\n".join([f"What the governments that sent or received the troops said of {counts}, beside "
                              "each other claimant's nearest figure of the same kind:", *lines]))
