"""The expectation table of the access-control matrix: each command and button × each role.

tests/integration/test_access_matrix.py builds the world these rows name (`{a}`, `{pair}`, …:
ids of school A's things) and checks every row against the production dispatcher: a command or
button the bot routes without a row here fails it, and so does a row for one it no longer routes.
"""

from __future__ import annotations

ROLES = ("stranger", "mentee", "mentor", "curator", "curator_b", "coord", "coord_m2")
"""Columns of the matrix: S e m c C k K below."""

MARKS = ("+", "-", "!")
"""Allowed, refused, a known gap (see below)."""

# key (what the dispatcher routes on), what is sent ({…}: ids of school A's things),
# then one mark per role: S stranger, e mentee, m mentor, c curator of school A, C curator of
# school B, k coordinator of M1, K coordinator of M2
# "+" allowed, "-" refused, "!" a known gap: answered today as if allowed, must become a refusal
# (listed in the issue; the test fails once it is fixed, so that the mark becomes "-").
# A key may have several rows (read and write variants).
MATRIX = """
/start          /start                        - + + + + + +
/cancel         /cancel                       - + + + + + +
/help           /help                         - + + + + + +
/language       /language                     - + + + + + +
/link           /link                         + + + + + + +
/mydata         /mydata                       - + + + + + +
/forget         /forget                       - + + + + + +
/schools        /schools                      - - - - - + +
/invite         /invite                       - - - + + - -
/registry       /registry                     - - - + + + +
/report         /report                       - - - + + + +
/import         /import                       - - - + + + +
/profile        /profile                      - + + - - - -
/bank           /bank                         - - - + + - -
/match          /match                        - - - + + - -
/preferences    /preferences                  - + + + + - -
/meeting        /meeting                      - + + - - - -
/pair           /pair                         - + + + + + +
/status         /status                       - - - + + + +
m:help          m:help                        - + + + + + +
m:language      m:language                    - + + + + + +
m:mydata        m:mydata                      - + + + + + +
m:schools       m:schools                     - - - - - + +
m:invite        m:invite                      - - - + + - -
m:registry      m:registry                    - - - + + + +
m:report        m:report                      - - - + + + +
m:questionnaire m:questionnaire               - + + - - - -
m:bank          m:bank                        - - - + + - -
m:match         m:match                       - - - + + - -
m:preferences   m:preferences                 - + + + + - -
m:meeting       m:meeting                     - + + - - - -
m:pair          m:pair                        - + + + + + +
m:status        m:status                      - - - + + + +
/surveys        /surveys                      - + + + + + +
/chart          /chart                        - - - + + + +
/certificate    /certificate                  - - + - - - -
/schoolyear     /schoolyear                   - - - - - + +
m:surveys       m:surveys                     - + + + + + +
m:chart         m:chart                       - - - + + + +
m:certificate   m:certificate                 - - + - - - -
m:schoolyear    m:schoolyear                  - - - - - + +
st:m            st:m:{m1}:0                   - - - - - + -
st:s            st:s:{a}:0                    - - - + - + -
st:p            st:p:{a}:0                    - - - + - + -
st:c            st:c:{pair}:0                 - - - + - + -
st:l            st:l:{a}:0                    - - - + - + -
st:n            st:n:{pair}:0                 - - - + - + -
strb            strb:{pair}:{mentee}          - - - + - - -
c               c:1                           - - - - - - -
l               l:ru                          - + + + + + +
w               w:last                        - + + + + + +
f               f:0                           - + + + + + +
mu              mu:{m1}                       - - - - - + -
xu              xu:{m1}:1                     - - - - - + -
s:open          s:open:{a}                    - - - - - + -
s:curator       s:curator:{a}                 - - - - - + -
s:add           s:add:{m1}                    - - - - - + -
k:school        k:school                      - - - - - - -
k:kindergarten  k:kindergarten                - - - - - - -
k:other         k:other                       - - - - - - -
p               p:0                           - - - - - - -
i               i:{a}:mentor:0                - - - + - - -
i               i:{a}:mentee:1                - - - + - - -
rg:open         rg:open:{a}:0                 - - - + - + -
rg:order        rg:order:{a}:0                - - - + - + -
rg:contacts     rg:contacts:{a}:0             - - - + - + -
rg:event        rg:event:{a}:0                - - - + - + -
rg:skip         rg:skip:{a}:0                 - - - - - - -
rg:delete       rg:delete:{a}:0               - - - + - + -
lv              lv:school                     - - - - - - -
rp:menu         rp:{m1}:0:0:menu              - - - - - + -
rp:build        rp:{m1}:2026:1:build          - - - - - + -
rp:genitive     rp:{m1}:0:0:genitive          - - - - - + -
rp:keep         rp:{m1}:0:0:keep              - - - - - - -
im              im:valid                      - - - + + + +
qs              qs:{a}:mentee                 - + - - - - -
qo              qo:{r}:0:1                    - + - - - - -
qd              qd:{r}:0                      - + - - - - -
qk              qk:{r}:0                      - + - - - - -
qc              qc:{r}                        - + - - - - -
qe              qe:{r}:0                      - + - - - - -
qf              qf:{r}                        - + - - - - -
bs              bs:{a}                        - - - + - - -
br              br:{a}                        - - - + - - -
pfn             pfn:{a}                       - - - + - - -
pfs             pfs:{round}:mentee            - + - - - - -
pft             pft:{round}:mentee:{mentor}   - + - - - - -
pfd             pfd:{round}:mentee            - + - - - - -
xo              xo:{a}                        - - - + - - -
xm              xm:{a}:optimal:0              - - - + - - -
xr              xr:{run}                      - - - + - - -
xs              xs:{proposal}                 - - - + - - -
xp              xp:{proposal}:{mentor}        - - - + - - -
xa              xa:{proposal}                 - - - + - - -
xl              xl:{run}                      - - - + - - -
xc              xc                            - - - - - - -
xd              xd:1                          - - - - - - -
xt              xt:2026-11-23                 - - - - - - -
pw              pw:{pair}                     - - - + - - -
xf              xf:1                          - - - - - - -
xk              xk:1                          - - - - - - -
xn              xn                            - - - - - - -
xy              xy:1                          - - - - - - -
pr:open         pr:open:{pair}:               - + + + - - -
pr:items        pr:items:{pair}:              - + + + - - -
pr:done         pr:done:{item}:               - + + - - - -
pr:add          pr:add:{pair}:                - - + + - - -
pr:dir          pr:dir:{pair}:legal           - - - - - - -
pr:nodue        pr:nodue:{pair}:              - - - - - - -
pr:goal         pr:goal:{pair}:               - - + + - - -
pr:cad          pr:cad:{pair}:                - - + + - - -
pr:cad          pr:cad:{pair}:21              - - + + - - -
pr:mode         pr:mode:{pair}:               - - + + - - -
pr:mode         pr:mode:{pair}:online         - - + + - - -
pr:term         pr:term:{pair}:               - + + + - - -
pr:end          pr:end:{pair}:                - + + + - - -
pr:reason       pr:reason:{pair}:mutual       - + + + - - -
pr:notice       pr:notice:{pair}:mutual       - - - - - - -
tc:y            tc:{change}:y                 - + + + - - -
tc:n            tc:{change}:n                 - + + + - - -
mt:start        mt:start:{pair}:              - + + - - - -
mt:note         mt:note:{pair}:               - - - - - - -
mt:nonote       mt:nonote:0:                  - - - - - - -
mt:pair         mt:pair:{pair}:               - - - - - - -
mt:quick        mt:quick:0:intro              - - - - - - -
mt:stage        mt:stage:0:intro              - - - - - - -
mt:date         mt:date:0:t                   - - - - - - -
mt:dur          mt:dur:45:                    - - - - - - -
mt:fmt          mt:fmt:0:online               - - - - - - -
mt:topic        mt:topic:{item}:              - - - - - - -
mt:save         mt:save:0:                    - - - - - - -
mc:y            mc:{meeting}:y                - + - - - - -
mc:n            mc:{meeting}:n                - + - - - - -
mc:d            mc:{meeting}:d                - + - - - - -
rm              rm:{reminder}:1               - - + - - - -
ch:menu         ch:menu:s:{a}                 - - - + - + -
ch:menu         ch:menu:m:{m1}                - - - - - + -
ch:meetings     ch:meetings:s:{a}             - - - + - + -
ch:satisfaction ch:satisfaction:s:{a}         - - - + - + -
ch:pairs        ch:pairs:m:{m1}               - - - - - + -
cr:menu         cr:{a}:2026:menu              - - - + - - -
cr:pairs        cr:{a}:2026:pairs             - - - + - - -
cr:meetings     cr:{a}:2026:meetings          - - - + - - -
cr:programs     cr:{a}:2026:programs          - - - + - - -
cr:surveys      cr:{a}:2026:surveys           - - - + - - -
ce:get          ce:get:{certificate}          - - - - - - -
sv:r            sv:r:{survey}:5:             - - - - - - -
sv:cm           sv:cm:{survey}:0:            - + - - - - -
sv:no           sv:no:{survey}:0:            - + - - - - -
sv:f            sv:f:{survey}:0:good         - - - - - - -
sv:o            sv:o:{survey}:0:             - + - - - - -
sv:a            sv:a:{survey}:0:1            - + - - - - -
sv:s            sv:s:{survey}:0:             - - - - - - -
sv:res          sv:res:{a}:2026:              - - - + - + -
sv:x            sv:x:{a}:2026:                - - - + - + -
sv:cl           sv:cl:{pair}:0:               - - - - - - -
sv:end          sv:end:{pair}:0:              - - - + - - -
cs:up           cs:up:{m1}:0:                 - - - - - + -
cs:card         cs:card:1:0:                  - - - - - - -
cs:send         cs:send:1:0:                  - - - - - - -
cs:rl           cs:rl:1:0:mentor              - - - - - - -
cs:tg           cs:tg:1:{a}:                  - - - - - - -
cs:all          cs:all:1:0:                   - - - - - - -
cs:pg           cs:pg:1:1:                    - - - - - - -
cs:go           cs:go:1:0:                    - - - - - - -
cs:res          cs:res:1:0:                   - - - - - - -
sy:open         sy:open:{m1}:0::0             - - - - - + -
sy:pick         sy:pick:{m1}:2025::0          - - - - - + -
sy:t            sy:t:{a}:0::0                 - - - - - - -
sy:all          sy:all:{m1}:0:carry:0         - - - - - - -
sy:pg           sy:pg:{m1}:0::1               - - - - - - -
sy:sum          sy:sum:{m1}:0::0              - - - - - - -
sy:go           sy:go:{m1}:0::0               - - - - - - -
sy:x            sy:x:{m1}:0::0                - - - - - - -
sy:ask          sy:ask:{m1}:2026:carry:0      - - - - - + -
xj              xj:{proposal}                 - - - + - - -
pfc             pfc:{round}                   - - - + - - -
rg:del          rg:del:{a}:{event}            - - - + - + -
ce:n            ce:n:{certificate}            - - - + - - -
ce:y            ce:y:{certificate}            - - - + - - -
sv:endy         sv:endy:{pair}:0:             - - - + - - -
sy:do           sy:do:{m1}:2026:carry:0       - - - - - + -
f               f:1                           - + + + + + +
"""
