## Staff import (/import)
import-explain-curator =
    Импорт списка педагогов: пришлите таблицу XLSX или CSV со столбцами «ФИО», «Должность», «Предметы», «Роль» (наставник или наставляемый). В ответ придёт файл с личной ссылкой-приглашением для каждого.
    Как поступить, если в части строк ошибки?
import-explain-coordinator =
    Импорт списка: пришлите таблицу XLSX или CSV со столбцами «ФИО», «Должность», «Предметы», «Роль» (куратор, наставник или наставляемый) и «Школа» (краткое наименование, как в /schools). В ответ придёт файл с личной ссылкой-приглашением для каждого.
    Как поступить, если в части строк ошибки?
import-mode-valid = Создать ссылки для верных строк
import-mode-all = Всё или ничего: при любой ошибке не создавать
import-send-file = Пришлите файл .xlsx или .csv (документом, до 1 МБ).
import-need-document = Нужен файл таблицы, отправленный документом. Или /cancel, чтобы отменить импорт.
import-file-too-big = Файл больше 1 МБ — разделите список на части.
import-file-type = Подойдут только файлы .xlsx или .csv.
import-file-unreadable = Не получилось прочитать файл. Сохраните его заново в Excel как .xlsx или как CSV (UTF-8).
import-no-columns = В первой строке не нашлись столбцы «ФИО» и «Роль».
import-empty = В таблице нет строк с педагогами.
import-too-many = Слишком много строк: не больше { $max } за один раз.
import-role-unknown = неизвестная роль «{ $value }» (нужно: наставник, наставляемый или куратор)
import-role-not-allowed = роль «{ $value }» нельзя пригласить отсюда
import-duplicate = этот человек уже есть в строке { $line }
import-school-unknown = не найдена школа «{ $value }»
import-done = Готово: ссылок создано — { $created }, строк с ошибками — { $refused }.
import-nothing-created = Ни одной ссылки не создано: строк с ошибками — { $refused }. Исправьте их и пришлите файл снова.
import-file-name = Приглашения
import-file-caption = Личные ссылки: каждую отправьте только её владельцу. Строки с ошибками — на листе «Ошибки».
import-sheet-errors = Ошибки
import-col-name = ФИО
import-col-position = Должность
import-col-role = Роль
import-col-school = Школа
import-col-link = Ссылка-приглашение
import-col-token = Код для /start
import-col-expires = Действует до
import-col-line = Строка
import-col-reason = Причина
help-import =
    Импорт списка педагогов:
    /import — таблица XLSX или CSV → файл с личной ссылкой-приглашением для каждого.
