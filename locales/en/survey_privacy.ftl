# Survey privacy: what stands in place of a figure fewer than three people stand for
# (bot/domain/survey_privacy.py decides which reason), and what a pair's curator reads of its
# meeting ratings. $reason: none (nobody answered yet) or few; $count: distinct people who
# answered; $needed: the minimum.
survey-hidden = { $reason ->
        [none] no answers yet
       *[few] not enough answers ({ $count } of { $needed ->
            [one] { $needed } person
           *[other] { $needed } people
        })
    }
survey-about-me-hidden = { $reason ->
        [none] Your mentees have not rated your meetings yet.
       *[few] The average rating of your meetings will appear here once at least { $needed ->
            [one] { $needed } mentee has
           *[other] { $needed } mentees have
        } rated them (so far: { $count }). A rating by one or two people is seen only by them.
    }
status-card-rated = { $count ->
        [0] ⭐ No meeting of this pair has been rated yet.
        [one] ⭐ Its members rated { $count } meeting. The ratings themselves are seen only by those who gave them.
       *[other] ⭐ Its members rated { $count } meetings. The ratings themselves are seen only by those who gave them.
    }
status-card-low-ratings = ⚠️ One member's two latest meeting ratings are low: worth a talk with the pair.
