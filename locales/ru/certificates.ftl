# /certificate: «Справка о наставнической деятельности».
certificate-requested = 📄 Запрос справки о наставнической деятельности отправлен { $count ->
        [one] куратору: { $schools }. Когда куратор её подтвердит, справка придёт сюда.
       *[other] кураторам школ: { $schools }. Каждая школа выдаёт свою справку — о парах в этой школе, за подписью её куратора; справки придут сюда по мере подтверждения.
    }
certificate-requested-pending = Запрос в { $schools } уже у куратора, его повторно не отправляем.
certificate-requested-no-curator = В { $schools } нет куратора, подтвердить справку там некому.
certificate-no-pairs = Справку можно получить, когда у вас есть утверждённая наставническая пара.
certificate-no-curator = В вашей школе пока нет куратора, некому подтвердить справку.
certificate-already-pending = Ваш запрос справки уже у куратора, дождитесь ответа.
certificate-already-decided = По этому запросу уже есть решение.
certificate-approved = Справка подтверждена, наставник получит её.
certificate-refused = Отказ отправлен наставнику.
certificate-button-y = ✅ Подтвердить справку
certificate-button-n = ❌ Отказать
certificate-button-get = 📄 Получить справку
certificate-caption = Справка о наставнической деятельности
certificate-file = Справка о наставнической деятельности — { $name } — { $school }
certificate-title = СПРАВКА о наставнической деятельности
certificate-body = Настоящая справка подтверждает, что { $mentor }, { $position }, { $school }, с { $since } осуществляет наставническую деятельность в рамках целевой модели наставничества. Наставляемых: { $mentees }.
certificate-h1 = № п/п
certificate-h2 = Наставляемые
certificate-h3 = Форма наставничества
certificate-h4 = Период
certificate-h5 = Подтверждённых встреч
certificate-h6 = Состояние
certificate-period = с { $start } по { $end }
certificate-ongoing = настоящее время
certificate-total = Всего встреч, подтверждённых наставляемыми: { $meetings }.
certificate-curator = Куратор системы наставничества: ____________ { $curator }
certificate-issued = Дата выдачи: { $date }
reminder-certificate-request = 📄 { $name } просит справку о наставнической деятельности для аттестации. Подтвердите или откажите.
reminder-certificate-ready = 📄 { $by } подтвердил(а) вашу справку о наставнической деятельности в { $school }. Нажмите, чтобы получить файл.
reminder-certificate-refused = { $by } не подтвердил(а) справку о наставнической деятельности в { $school }. Уточните причину у куратора; запросить справку снова можно командой /certificate.
cmd-certificate = Справка о наставнической деятельности
help-certificate =
    /certificate — справка о наставнической деятельности для аттестации (DOCX): запрос уходит куратору каждой школы, где у вас есть пары; каждая школа выдаёт свою справку после подтверждения её куратором.
menu-certificate = 📄 Справка о наставнической деятельности
