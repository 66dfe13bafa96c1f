## Staff import (/import)
import-explain-curator =
    Staff import: send an XLSX or CSV table with the columns "Full name", "Position", "Subjects", "Role" (mentor or mentee). You will get back a file with a personal invitation link for each person.
    What should happen if some rows have errors?
import-explain-coordinator =
    Import: send an XLSX or CSV table with the columns "Full name", "Position", "Subjects", "Role" (curator, mentor or mentee) and "School" (the short name, as in /schools). You will get back a file with a personal invitation link for each person.
    What should happen if some rows have errors?
import-mode-valid = Create links for the valid rows
import-mode-all = All or nothing: create none if any row is wrong
import-send-file = Send an .xlsx or .csv file (as a document, up to 1 MB).
import-need-document = A table file sent as a document is needed. Or /cancel to stop the import.
import-file-too-big = The file is over 1 MB — split the list.
import-file-type = Only .xlsx or .csv files will do.
import-file-unreadable = The file could not be read. Save it again in Excel as .xlsx or as CSV (UTF-8).
import-no-columns = The first row has no "Full name" and "Role" columns.
import-empty = The table has no rows with people.
import-too-many = Too many rows: { $max } at most at a time.
import-role-unknown = unknown role "{ $value }" (expected: mentor, mentee or curator)
import-role-not-allowed = the role "{ $value }" cannot be invited from here
import-duplicate = this person is already on row { $line }
import-school-unknown = no school "{ $value }"
import-done = Done: { $created ->
        [one] { $created } link
       *[other] { $created } links
    } created, { $refused ->
        [one] { $refused } row
       *[other] { $refused } rows
    } with errors.
import-nothing-created = No link was created: { $refused ->
        [one] { $refused } row
       *[other] { $refused } rows
    } with errors. Correct them and send the file again.
import-file-name = Invitations
import-file-caption = Personal links: send each one to its owner only. Rows with errors are on the "Errors" sheet.
import-sheet-errors = Errors
import-col-name = Full name
import-col-position = Position
import-col-role = Role
import-col-school = School
import-col-link = Invitation link
import-col-token = Code for /start
import-col-expires = Valid until
import-col-line = Row
import-col-reason = Reason
help-import =
    Staff import:
    /import — an XLSX or CSV table → a file with a personal invitation link for each person.
