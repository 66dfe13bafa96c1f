# A command typed in the middle of a flow (meeting log, pair approval, registry, pair card):
# a command the person may use leaves the flow and runs; nothing half-filled is saved.
meeting-left = The meeting entry was interrupted and not saved. You can log it again: /meeting.
meeting-finish-first = You are logging a meeting. Answer the question, or send /cancel to stop.
match-approval-left = Approval interrupted: the pair is not approved and the details you entered are not saved. To return to it, open /match and press «✅ Approve» under the proposal.
registry-step-left = Editing the registry was interrupted; nothing was saved.
pair-step-left = Editing the pair was interrupted; nothing was saved.
