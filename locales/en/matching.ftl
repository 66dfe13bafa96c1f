## Pairing mentors and mentees: why a pair is proposed and why someone is left without one.
## The handler replaces the deficit, subject and level codes in $items with their names from the
## catalogue (comma separated) before rendering.

## Why the pair is proposed

# $covered — difficulties the mentor can help with, $total — difficulties the mentee stated
match-reason-covers = can help with { $covered } of { $total } stated { $total ->
        [one] difficulty
       *[other] difficulties
    }: { $items }
# $items — subjects both teach
match-reason-same-subject = teaches the same subject: { $items }
# $items — levels both work at
match-reason-same-level = works at the same school level: { $items }
# $gap — how many years more teaching experience the mentor has
match-reason-experience = { $gap ->
        [one] one more year of teaching experience
       *[other] { $gap } more years of teaching experience
    }
# $format — online, offline or mixed
match-reason-format = { $format ->
        [online] both are ready to work online
        [offline] both are ready to meet in person
       *[mixed] both are fine with a mixed format (in person and online)
    }
match-reason-mentee-named = the mentee named this mentor in the preference questionnaire
match-reason-mentor-named = the mentor named this mentee in the preference questionnaire
match-reason-mutual = mutual choice: after the group meeting they named each other

## What to keep an eye on

# $count — number of difficulties not covered, $items — their names
match-concern-uncovered = { $count ->
        [one] { $count } difficulty is not covered
       *[other] { $count } difficulties are not covered
    }: { $items } — plan for it in the individual development plan
match-concern-format = meeting formats differ — agree on the format at the first meeting
match-concern-no-experience-gap = the mentor does not have more teaching experience than the mentee

## Why the mentee is left without a pair

# $min_score — the score threshold (out of 100)
match-unmatched-no-compatible = no suitable mentor: no pair reaches { $min_score } out of 100 or every pair is ruled out. The search goes on — add mentors to the bank
# $count — number of suitable mentors
match-unmatched-capacity = { $count ->
        [one] there is a suitable mentor, but they have no free place
       *[other] { $count } suitable mentors, but none has a free place
    }. You may raise a mentor's load (with their consent) or wait until a place frees up

## Why the pair cannot be formed (manual choice by the curator)

match-blocked-same-person = mentor and mentee are the same teacher
match-blocked-forbidden = this pair has already worked together and ended as a bad fit
match-blocked-other-school = mentor and mentee work at different schools
match-blocked-no-capacity = the mentor has no free place left
# $score — the pair's score, $min_score — the threshold (whole points out of 100)
match-blocked-low-score = score { $score } out of 100 is below the threshold { $min_score }

## What the score is made of (points per criterion)

# $score — the pair's total score (0 to 100)
match-score = score { $score } out of 100
match-criterion-coverage = difficulties covered
match-criterion-subject = subject
match-criterion-level = school level
match-criterion-experience = experience gap
match-criterion-format = meeting format
match-criterion-mentee-named = mentee's choice
match-criterion-mentor-named = mentor's choice
match-criterion-mutual = mutual choice
