<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>AppearancePage</name>
    <message>
        <source>Appearance</source>
        <translation>Оформление</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Как в системе</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Светлая</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Тёмная</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Тема:</translation>
    </message>
    <message>
        <source>Article &amp;font size:</source>
        <translation>Размер &amp;шрифта статьи:</translation>
    </message>
    <message>
        <source>Relative to the system&apos;s font size.</source>
        <translation>Относительно системного размера шрифта.</translation>
    </message>
    <message>
        <source>Comfortable</source>
        <translation>Просторный</translation>
    </message>
    <message>
        <source>Compact</source>
        <translation>Компактный</translation>
    </message>
    <message>
        <source>Article &amp;list:</source>
        <translation>&amp;Список новостей:</translation>
    </message>
    <message>
        <source>Articles loaded &amp;at a time:</source>
        <translation>&amp;Загружать новостей за раз:</translation>
    </message>
    <message>
        <source>More are loaded as you scroll.</source>
        <translation>Остальные подгружаются при прокрутке.</translation>
    </message>
</context>
<context>
    <name>ArticleDelegate</name>
    <message>
        <source>Today</source>
        <translation>Сегодня</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Вчера</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>только что</translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n мин назад</numerusform>
            <numerusform>%n мин назад</numerusform>
            <numerusform>%n мин назад</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n ч назад</numerusform>
            <numerusform>%n ч назад</numerusform>
            <numerusform>%n ч назад</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n d ago</source>
        <translation>
            <numerusform>%n день назад</numerusform>
            <numerusform>%n дня назад</numerusform>
            <numerusform>%n дней назад</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ArticleListModel</name>
    <message>
        <source>(untitled)</source>
        <extracomment>How many rows :meth:`ArticleListModel.insert_newer` reads per query while it walks down to the last loaded row.</extracomment>
        <translation>(без заголовка)</translation>
    </message>
</context>
<context>
    <name>ArticlePane</name>
    <message>
        <source>Headline</source>
        <extracomment>Rows of &quot;In other media&quot; shown before the list scrolls. Characters of a related headline shown (the whole title is in the article itself). Sizes relative to the interface font (before ``font_scale``).</extracomment>
        <translation>Заголовок</translation>
    </message>
    <message>
        <source>Source, author and date</source>
        <translation>Источник, автор и дата</translation>
    </message>
    <message>
        <source>Open original</source>
        <translation>Открыть оригинал</translation>
    </message>
    <message>
        <source>Open the article&apos;s page in your web browser (O)</source>
        <translation>Открыть страницу статьи в браузере (O)</translation>
    </message>
    <message>
        <source>Copy link</source>
        <translation>Копировать ссылку</translation>
    </message>
    <message>
        <source>Copy the address of the article&apos;s page</source>
        <translation>Скопировать адрес страницы статьи</translation>
    </message>
    <message>
        <source>Star</source>
        <translation>В избранное</translation>
    </message>
    <message>
        <source>Keep this article in Starred (S)</source>
        <translation>Сохранить статью в избранном (S)</translation>
    </message>
    <message>
        <source>Load images</source>
        <translation>Загрузить картинки</translation>
    </message>
    <message>
        <source>Download this article&apos;s pictures (the site learns that you read it)</source>
        <translation>Загрузить иллюстрации к статье (сайт узнает, что вы её читали)</translation>
    </message>
    <message>
        <source>Choose an article in the list to read it here.</source>
        <translation>Выберите новость в списке, чтобы прочитать её здесь.</translation>
    </message>
    <message>
        <source>In other media</source>
        <translation>В других СМИ</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>Статья</translation>
    </message>
    <message>
        <source>(no title)</source>
        <translation>(без заголовка)</translation>
    </message>
    <message>
        <source>★ Starred</source>
        <translation>★ В избранном</translation>
    </message>
    <message>
        <source>☆ Star</source>
        <translation>☆ В избранное</translation>
    </message>
    <message>
        <source>Starred</source>
        <translation>В избранном</translation>
    </message>
</context>
<context>
    <name>ArticleView</name>
    <message>
        <source>date not given; first seen {0}</source>
        <extracomment>``QImageReader``&apos;s allocation limit in MB while decoding (Qt&apos;s own default, set explicitly). Images whose header declares more pixels are refused before decoding (a 4x margin over the 8-megapixel photos news sites serve, and 160 MB as 32-bit pixels). Raster formats decoded; SVG (which can reference other files), XPM, TIFF and the rest are not. Remote images listed (and so fetched) per article at most. Fetched images kept in memory across articles (most recent first out). The text column is at most this many characters of running text wide (a comfortable line). Space between the view&apos;s edges and the text, in pixels. The article text is this much larger than the interface font (before ``font_scale``). The range of ``appearance.font_scale`` the view accepts.</extracomment>
        <translation>дата не указана; получено {0}</translation>
    </message>
    <message>
        <source>date unreadable; first seen {0}</source>
        <translation>дата не читается; получено {0}</translation>
    </message>
    <message>
        <source>dated in the future; first seen {0}</source>
        <translation>дата в будущем; получено {0}</translation>
    </message>
    <message>
        <source>first seen {0}</source>
        <translation>получено {0}</translation>
    </message>
    <message>
        <source>({0} your time)</source>
        <translation>({0} по вашему времени)</translation>
    </message>
    <message>
        <source>Article text</source>
        <translation>Текст статьи</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Вложения</translation>
    </message>
    <message>
        <source>Not opened (not a web link): {0}</source>
        <translation>Не открыто (это не веб-ссылка): {0}</translation>
    </message>
</context>
<context>
    <name>ConverterWidget</name>
    <message>
        <source>e.g. {whole} or {product}</source>
        <extracomment>``digits`` meaning &quot;each currency&apos;s own places&quot; (USD 2, JPY 0, KWD 3).</extracomment>
        <translation>например, {whole} или {product}</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <source>Convert from</source>
        <translation>Из валюты</translation>
    </message>
    <message>
        <source>Convert to</source>
        <translation>В валюту</translation>
    </message>
    <message>
        <source>Matching currencies</source>
        <translation>Подходящие валюты</translation>
    </message>
    <message>
        <source>Currencies</source>
        <translation>Валюты</translation>
    </message>
    <message>
        <source>Type a code or a name (English or Russian)</source>
        <translation>Введите код или название (по-русски или по-английски)</translation>
    </message>
    <message>
        <source>Swap currencies</source>
        <translation>Поменять валюты местами</translation>
    </message>
    <message>
        <source>Swap From and To ({key})</source>
        <translation>Поменять местами «Из» и «В» ({key})</translation>
    </message>
    <message>
        <source>Favourite</source>
        <translation>Избранная валюта</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Результат</translation>
    </message>
    <message>
        <source>Exchange rate</source>
        <translation>Курс</translation>
    </message>
    <message>
        <source>Rate age</source>
        <translation>Актуальность курса</translation>
    </message>
    <message>
        <source>Rate source</source>
        <translation>Источник курса</translation>
    </message>
    <message>
        <source>More digits</source>
        <translation>Больше знаков</translation>
    </message>
    <message>
        <source>Copy result</source>
        <translation>Копировать результат</translation>
    </message>
    <message>
        <source>Copy the result ({key})</source>
        <translation>Скопировать результат ({key})</translation>
    </message>
    <message>
        <source>In your favourite currencies</source>
        <translation>В избранных валютах</translation>
    </message>
    <message>
        <source>Amount in favourite currencies</source>
        <extracomment>Rows shown before the list scrolls.</extracomment>
        <translation>Сумма в избранных валютах</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Enter or double-click: convert to this currency</source>
        <translation>Enter или двойной щелчок — пересчитать в эту валюту</translation>
    </message>
    <message>
        <source>Chart title</source>
        <extracomment>``history(provider, source, target, days)``: the pair&apos;s points, oldest first.</extracomment>
        <translation>Заголовок графика</translation>
    </message>
    <message>
        <source>&amp;Amount</source>
        <translation>&amp;Сумма</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Из</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;В</translation>
    </message>
    <message>
        <source>Unpin {code} from the favourites</source>
        <translation>Убрать {code} из избранного</translation>
    </message>
    <message>
        <source>Pin {code} to the favourites</source>
        <translation>Добавить {code} в избранное</translation>
    </message>
    <message>
        <source>{source} → {target}</source>
        <translation>{source} → {target}</translation>
    </message>
    <message>
        <source>No chart: these rates cannot convert this pair.</source>
        <translation>Графика нет: по этим курсам такую пару не пересчитать.</translation>
    </message>
    <message>
        <source>{amount} {source} = {result} {target}</source>
        <translation>{amount} {source} = {result} {target}</translation>
    </message>
    <message>
        <source>≈ {result}</source>
        <translation>≈ {result}</translation>
    </message>
    <message>
        <source>1 {source} = {rate} {target}</source>
        <translation>1 {source} = {rate} {target}</translation>
    </message>
    <message>
        <source>Conversions still work; refresh to get newer rates.</source>
        <translation>Пересчёт работает; обновите, чтобы получить свежие курсы.</translation>
    </message>
    <message>
        <source>{source} → {target}, last {days} days ({provider})</source>
        <translation>{source} → {target}, последние {days} дней ({provider})</translation>
    </message>
    <message>
        <source>No chart for a cross rate between two sources.</source>
        <translation>Для кросс-курса из двух источников графика нет.</translation>
    </message>
    <message>
        <source>No rate history yet.</source>
        <translation>Истории курса пока нет.</translation>
    </message>
    <message>
        <source>The rate history cannot be read.</source>
        <translation>Не удалось прочитать историю курса.</translation>
    </message>
    <message>
        <source>No rate history of {source} → {target} yet.</source>
        <translation>Истории курса {source} → {target} пока нет.</translation>
    </message>
    <message>
        <source>{provider} {date}</source>
        <translation>{provider}, {date}</translation>
    </message>
    <message>
        <source>{sources} (cross rate)</source>
        <translation>{sources} (кросс-курс)</translation>
    </message>
    <message>
        <source>{sources} (cross rate via {bridge})</source>
        <translation>{sources} (кросс-курс через {bridge})</translation>
    </message>
    <message>
        <source>{provider}, rates valid from {date}</source>
        <translation>{provider}, курсы действуют с {date}</translation>
    </message>
    <message>
        <source>{provider}, rates of {date}</source>
        <translation>{provider}, курсы на {date}</translation>
    </message>
    <message>
        <source>Shipped with Newsdesk (offline snapshot)</source>
        <translation>Поставляется с Newsdesk (офлайн-снимок)</translation>
    </message>
    <message>
        <source>Downloaded {when}</source>
        <translation>Загружено {when}</translation>
    </message>
    <message>
        <source>Offline snapshot of {date}</source>
        <translation>Офлайн-снимок на {date}</translation>
    </message>
    <message>
        <source>Not the latest rates</source>
        <translation>Курсы не самые свежие</translation>
    </message>
    <message>
        <source>Rates from yesterday</source>
        <translation>Вчерашние курсы</translation>
    </message>
    <message numerus="yes">
        <source>Rates from %n days ago</source>
        <translation>
            <numerusform>Курсы устарели на %n день</numerusform>
            <numerusform>Курсы устарели на %n дня</numerusform>
            <numerusform>Курсы устарели на %n дней</numerusform>
        </translation>
    </message>
    <message>
        <source>ECB</source>
        <translation>ЕЦБ</translation>
    </message>
    <message>
        <source>Bank of Russia</source>
        <translation>Банк России</translation>
    </message>
    <message>
        <source>Frankfurter</source>
        <translation>Frankfurter</translation>
    </message>
    <message>
        <source>open.er-api.com</source>
        <translation>open.er-api.com</translation>
    </message>
    <message>
        <source>{source}→{target} cannot be computed: the tables that have them share no currency to convert through.</source>
        <extracomment>``RateBook``&apos;s sentence for two codes that no table links.</extracomment>
        <translation>{source}→{target} не пересчитать: у таблиц с этими валютами нет общей валюты для пересчёта.</translation>
    </message>
    <message>
        <source>No exchange rates are available yet; refresh when online.</source>
        <translation>Курсов валют пока нет; обновите их, когда появится сеть.</translation>
    </message>
    <message>
        <source>The amount is longer than {limit} characters.</source>
        <translation>Сумма длиннее {limit} символов.</translation>
    </message>
    <message>
        <source>Enter an amount.</source>
        <translation>Введите сумму.</translation>
    </message>
    <message>
        <source>Letters cannot be used in an amount (“{text}” at position {position}).</source>
        <translation>В сумме не может быть букв («{text}» в позиции {position}).</translation>
    </message>
    <message>
        <source>“{text}” at position {position} cannot be used in an amount.</source>
        <translation>Символ «{text}» в позиции {position} нельзя использовать в сумме.</translation>
    </message>
    <message>
        <source>“{text}” at position {position} mixes digit-grouping characters.</source>
        <translation>В числе «{text}» (позиция {position}) смешаны разные разделители разрядов.</translation>
    </message>
    <message>
        <source>“{text}” at position {position} mixes digit grouping with an exponent.</source>
        <translation>В числе «{text}» (позиция {position}) разделители разрядов смешаны с порядком (e).</translation>
    </message>
    <message>
        <source>“{text}” at position {position} is not a number.</source>
        <translation>«{text}» в позиции {position} — не число.</translation>
    </message>
    <message>
        <source>“{text}” at position {position} groups its digits wrongly (groups of three).</source>
        <translation>В числе «{text}» (позиция {position}) разряды разделены неверно (нужны группы по три цифры).</translation>
    </message>
    <message>
        <source>“{text}” at position {position} is too large; the limit is {limit}.</source>
        <translation>Число «{text}» в позиции {position} слишком велико; предел — {limit}.</translation>
    </message>
    <message>
        <source>“{text}” at position {position} has more than {limit} decimal places.</source>
        <translation>В числе «{text}» (позиция {position}) больше {limit} знаков после запятой.</translation>
    </message>
    <message>
        <source>“{text}” at position {position} is not expected here.</source>
        <translation>«{text}» в позиции {position} здесь не к месту.</translation>
    </message>
    <message>
        <source>Division by zero at position {position}.</source>
        <translation>Деление на ноль в позиции {position}.</translation>
    </message>
    <message>
        <source>The amount is nested more than {limit} levels deep.</source>
        <translation>В сумме больше {limit} уровней вложенных скобок.</translation>
    </message>
    <message>
        <source>The parenthesis at position {position} is never closed.</source>
        <translation>Скобка в позиции {position} не закрыта.</translation>
    </message>
    <message>
        <source>The amount ends too early; a number is missing.</source>
        <translation>Сумма обрывается: не хватает числа.</translation>
    </message>
    <message>
        <source>The result at position {position} is too large; the limit is {limit}.</source>
        <translation>Результат в позиции {position} слишком велик; предел — {limit}.</translation>
    </message>
    <message>
        <source>“{text}” is not a currency code (three letters, like USD).</source>
        <translation>«{text}» — не код валюты (нужны три буквы, например USD).</translation>
    </message>
    <message>
        <source>{code} is not a known currency code.</source>
        <translation>{code} — неизвестный код валюты.</translation>
    </message>
    <message>
        <source>{providers} does not publish RUB; add the Bank of Russia (cbr) to the rate providers.</source>
        <translation>{providers}: курса RUB нет; добавьте Банк России (cbr) в источники курсов.</translation>
    </message>
    <message>
        <source>{providers} do not publish RUB; add the Bank of Russia (cbr) to the rate providers.</source>
        <translation>{providers}: курса RUB нет; добавьте Банк России (cbr) в источники курсов.</translation>
    </message>
    <message>
        <source>{providers} does not publish {code}; the extended provider (open.er-api.com) may have it.</source>
        <translation>{providers}: курса {code} нет; он может быть у расширенного источника (open.er-api.com).</translation>
    </message>
    <message>
        <source>{providers} do not publish {code}; the extended provider (open.er-api.com) may have it.</source>
        <translation>{providers}: курса {code} нет; он может быть у расширенного источника (open.er-api.com).</translation>
    </message>
    <message>
        <source>None of the loaded rates ({providers}) has {code}.</source>
        <translation>Ни в одной из загруженных таблиц курсов ({providers}) нет {code}.</translation>
    </message>
    <message>
        <source>{names} and {last}</source>
        <translation>{names} и {last}</translation>
    </message>
</context>
<context>
    <name>CurrencyPage</name>
    <message>
        <source>Currency</source>
        <translation>Валюты</translation>
    </message>
    <message>
        <source>ECB and Bank of Russia (official)</source>
        <translation>ЕЦБ и Банк России (официальные курсы)</translation>
    </message>
    <message>
        <source>European Central Bank</source>
        <translation>Европейский центральный банк</translation>
    </message>
    <message>
        <source>Bank of Russia</source>
        <translation>Банк России</translation>
    </message>
    <message>
        <source>&amp;Rates from:</source>
        <translation>Источник ку&amp;рсов:</translation>
    </message>
    <message>
        <source>Also use open.er-api.com (about 160 currencies)</source>
        <translation>Также использовать open.er-api.com (около 160 валют)</translation>
    </message>
    <message>
        <source>&amp;Convert from:</source>
        <translation>&amp;Пересчитывать из:</translation>
    </message>
    <message>
        <source>Currency to add</source>
        <translation>Валюта для добавления</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Добавить</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>&amp;Убрать</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>&amp;Выше</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>&amp;Ниже</translation>
    </message>
    <message>
        <source>Add the currency to the favourites</source>
        <translation>Добавить валюту в избранные</translation>
    </message>
    <message>
        <source>Remove the favourite</source>
        <translation>Убрать из избранных</translation>
    </message>
    <message>
        <source>Move the favourite up</source>
        <translation>Переместить выше</translation>
    </message>
    <message>
        <source>Move the favourite down</source>
        <translation>Переместить ниже</translation>
    </message>
    <message>
        <source>&amp;Favourites:</source>
        <translation>&amp;Избранные валюты:</translation>
    </message>
    <message>
        <source>As the currency</source>
        <translation>Как у валюты</translation>
    </message>
    <message>
        <source>&amp;Decimal places:</source>
        <translation>&amp;Знаков после запятой:</translation>
    </message>
    <message>
        <source>“As the currency” shows 2 places for US dollars and none for yen.</source>
        <translation>«Как у валюты» — 2 знака для доллара США и ни одного для иены.</translation>
    </message>
    <message>
        <source> min</source>
        <translation> мин</translation>
    </message>
    <message>
        <source>Check for new rates &amp;every:</source>
        <translation>Проверять курсы &amp;каждые:</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Нет</translation>
    </message>
    <message>
        <source>Choose where exchange rates come from.</source>
        <translation>Выберите, откуда брать курсы валют.</translation>
    </message>
</context>
<context>
    <name>FailedFeedsDialog</name>
    <message>
        <source>Feeds that failed</source>
        <translation>Ленты с ошибками</translation>
    </message>
    <message numerus="yes">
        <source>%n feed(s) could not be refreshed. Their earlier articles are kept.</source>
        <translation>
            <numerusform>Не удалось обновить %n ленту. Прежние статьи сохранены.</numerusform>
            <numerusform>Не удалось обновить %n ленты. Прежние статьи сохранены.</numerusform>
            <numerusform>Не удалось обновить %n лент. Прежние статьи сохранены.</numerusform>
        </translation>
    </message>
    <message>
        <source>Failed feeds</source>
        <translation>Ленты с ошибками</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Повторить</translation>
    </message>
    <message>
        <source>Retry the failed feeds</source>
        <translation>Повторить обновление лент с ошибками</translation>
    </message>
    <message>
        <source>The server could not be reached.</source>
        <translation>Не удалось связаться с сервером.</translation>
    </message>
    <message>
        <source>The server took too long to answer.</source>
        <translation>Сервер слишком долго не отвечал.</translation>
    </message>
    <message>
        <source>The feed is larger than the limit.</source>
        <translation>Лента больше допустимого размера.</translation>
    </message>
    <message>
        <source>The server answered with an error.</source>
        <translation>Сервер ответил ошибкой.</translation>
    </message>
    <message>
        <source>The address redirects too often or somewhere unsafe.</source>
        <translation>Адрес перенаправляет слишком много раз или на небезопасный адрес.</translation>
    </message>
    <message>
        <source>The secure connection failed.</source>
        <translation>Не удалось установить защищённое соединение.</translation>
    </message>
    <message>
        <source>This address is not allowed.</source>
        <translation>Этот адрес запрещён.</translation>
    </message>
    <message>
        <source>This is not a news feed.</source>
        <translation>Это не лента новостей.</translation>
    </message>
    <message>
        <source>The update was stopped.</source>
        <translation>Обновление остановлено.</translation>
    </message>
</context>
<context>
    <name>FeedEditor</name>
    <message>
        <source>Edit feed</source>
        <extracomment>How long closing the dialog waits for a running test to give up.</extracomment>
        <translation>Изменить ленту</translation>
    </message>
    <message>
        <source>Add feed</source>
        <translation>Добавить ленту</translation>
    </message>
    <message>
        <source>https://example.com/feed.xml or a site&apos;s address</source>
        <translation>https://example.com/feed.xml или адрес сайта</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Адрес</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>&amp;Проверить</translation>
    </message>
    <message>
        <source>Test the address</source>
        <translation>Проверить адрес</translation>
    </message>
    <message>
        <source>Testing</source>
        <translation>Проверка</translation>
    </message>
    <message>
        <source>The feed&apos;s own title</source>
        <translation>Собственное название ленты</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Группа</translation>
    </message>
    <message>
        <source>No group</source>
        <translation>Без группы</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Тема</translation>
    </message>
    <message>
        <source>None (found from each article)</source>
        <translation>Нет (определяется по каждой статье)</translation>
    </message>
    <message>
        <source>&amp;Refresh this feed</source>
        <translation>&amp;Обновлять эту ленту</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Включена</translation>
    </message>
    <message>
        <source>Refresh interval</source>
        <translation>Интервал обновления</translation>
    </message>
    <message>
        <source> min</source>
        <translation> мин</translation>
    </message>
    <message numerus="yes">
        <source>Default (%n min)</source>
        <translation>
            <numerusform>По умолчанию (%n мин)</numerusform>
            <numerusform>По умолчанию (%n мин)</numerusform>
            <numerusform>По умолчанию (%n мин)</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Адрес:</translation>
    </message>
    <message>
        <source>T&amp;itle:</source>
        <translation>&amp;Название:</translation>
    </message>
    <message>
        <source>&amp;Group:</source>
        <translation>&amp;Группа:</translation>
    </message>
    <message>
        <source>T&amp;opic:</source>
        <translation>&amp;Тема:</translation>
    </message>
    <message>
        <source>Refresh &amp;every:</source>
        <translation>Обновлять &amp;каждые:</translation>
    </message>
    <message>
        <source>Enter the address of a feed or a website.</source>
        <translation>Введите адрес ленты или сайта.</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Проверка…</translation>
    </message>
    <message numerus="yes">
        <source>{title} — %n item(s)</source>
        <translation>
            <numerusform>{title} — %n материал</numerusform>
            <numerusform>{title} — %n материала</numerusform>
            <numerusform>{title} — %n материалов</numerusform>
        </translation>
    </message>
    <message>
        <source>Feed found at {url}</source>
        <translation>Лента найдена по адресу {url}</translation>
    </message>
    <message>
        <source>“{address}” is not a web address: only http and https addresses can be subscribed to.</source>
        <translation>«{address}» — не веб-адрес: подписаться можно только на адреса http и https.</translation>
    </message>
    <message>
        <source>You are already subscribed to {url}.</source>
        <translation>Вы уже подписаны на {url}.</translation>
    </message>
    <message>
        <source>Choose at least {low} minutes, or the default.</source>
        <translation>Укажите не меньше {low} мин или значение по умолчанию.</translation>
    </message>
</context>
<context>
    <name>FeedTableModel</name>
    <message>
        <source>News</source>
        <translation>Новости</translation>
    </message>
    <message>
        <source>Partner news</source>
        <translation>Новости партнёров</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Адрес</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Группа</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Тема</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Включена</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновление</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>По умолчанию</translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n мин</numerusform>
            <numerusform>%n мин</numerusform>
            <numerusform>%n мин</numerusform>
        </translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Выключена</translation>
    </message>
</context>
<context>
    <name>FeedTreeModel</name>
    <message numerus="yes">
        <source>%n unread</source>
        <extracomment>The groups the default subscriptions use, listed first and in this order. Feed statuses that mean the last refresh failed.</extracomment>
        <translation>
            <numerusform>%n непрочитанная</numerusform>
            <numerusform>%n непрочитанные</numerusform>
            <numerusform>%n непрочитанных</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n feed(s) failed</source>
        <translation>
            <numerusform>%n лента с ошибкой</numerusform>
            <numerusform>%n ленты с ошибками</numerusform>
            <numerusform>%n лент с ошибками</numerusform>
        </translation>
    </message>
    <message>
        <source>Paused: not refreshed</source>
        <translation>Приостановлена: не обновляется</translation>
    </message>
    <message numerus="yes">
        <source>{title}, %n unread</source>
        <translation>
            <numerusform>{title}, %n непрочитанная</numerusform>
            <numerusform>{title}, %n непрочитанные</numerusform>
            <numerusform>{title}, %n непрочитанных</numerusform>
        </translation>
    </message>
    <message>
        <source>{text}, failed: {error}</source>
        <translation>{text}, ошибка: {error}</translation>
    </message>
    <message>
        <source>News</source>
        <translation>Новости</translation>
    </message>
    <message>
        <source>Partner news</source>
        <translation>Новости партнёров</translation>
    </message>
</context>
<context>
    <name>FeedsPage</name>
    <message>
        <source>Feeds</source>
        <extracomment>The largest OPML file the page reads (a subscription list is rarely over 1 MB).</extracomment>
        <translation>Ленты</translation>
    </message>
    <message>
        <source>Subscriptions</source>
        <translation>Подписки</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Добавить…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Изменить…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Удалить</translation>
    </message>
    <message>
        <source>&amp;Import OPML…</source>
        <translation>И&amp;мпорт OPML…</translation>
    </message>
    <message>
        <source>E&amp;xport OPML…</source>
        <translation>&amp;Экспорт OPML…</translation>
    </message>
    <message>
        <source>Add a feed</source>
        <translation>Добавить ленту</translation>
    </message>
    <message>
        <source>Edit the selected feed</source>
        <translation>Изменить выбранную ленту</translation>
    </message>
    <message>
        <source>Remove the selected feed</source>
        <translation>Удалить выбранную ленту</translation>
    </message>
    <message>
        <source>Import and export result</source>
        <translation>Результат импорта и экспорта</translation>
    </message>
    <message>
        <source>&amp;Subscriptions:</source>
        <translation>&amp;Подписки:</translation>
    </message>
    <message>
        <source>{file} cannot be read: {reason}</source>
        <translation>Не удалось прочитать {file}: {reason}</translation>
    </message>
    <message>
        <source>{file} is larger than {size} MB; it is not a subscription list.</source>
        <translation>{file} больше {size} МБ — это не список подписок.</translation>
    </message>
    <message>
        <source>{file} is not an OPML file Newsdesk can read: {reason}</source>
        <translation>{file} — не файл OPML, который может прочитать Newsdesk: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>Added %n feed(s)</source>
        <translation>
            <numerusform>Добавлено лент: %n</numerusform>
            <numerusform>Добавлено лент: %n</numerusform>
            <numerusform>Добавлено лент: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already there</source>
        <translation>
            <numerusform>уже есть: %n</numerusform>
            <numerusform>уже есть: %n</numerusform>
            <numerusform>уже есть: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped</source>
        <translation>
            <numerusform>пропущено: %n</numerusform>
            <numerusform>пропущено: %n</numerusform>
            <numerusform>пропущено: %n</numerusform>
        </translation>
    </message>
    <message>
        <source>They are saved when you press OK or Apply.</source>
        <translation>Изменения сохранятся, когда вы нажмёте «OK» или «Применить».</translation>
    </message>
    <message>
        <source>{file} cannot be written: {reason}</source>
        <translation>Не удалось записать {file}: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n feed(s) to {file}.</source>
        <translation>
            <numerusform>Экспортирована %n лента в {file}.</numerusform>
            <numerusform>Экспортированы %n ленты в {file}.</numerusform>
            <numerusform>Экспортировано %n лент в {file}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Import subscriptions</source>
        <translation>Импорт подписок</translation>
    </message>
    <message>
        <source>OPML files (*.opml *.xml);;All files (*)</source>
        <translation>Файлы OPML (*.opml *.xml);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Export subscriptions</source>
        <translation>Экспорт подписок</translation>
    </message>
    <message>
        <source>OPML files (*.opml)</source>
        <translation>Файлы OPML (*.opml)</translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <source>System ({language})</source>
        <translation>Как в системе ({language})</translation>
    </message>
    <message>
        <source>The language changes after a restart.</source>
        <translation>Язык сменится после перезапуска.</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Язык:</translation>
    </message>
</context>
<context>
    <name>LinkOpener</name>
    <message>
        <source>Write an email?</source>
        <extracomment>The mailto header fields passed on to the mail program; all others are dropped. Unicode categories never shown as they are in a link target (controls, format and bidi marks, separators, unassigned and private-use code points).</extracomment>
        <translation>Написать письмо?</translation>
    </message>
    <message>
        <source>Open your email program to write to this address?</source>
        <translation>Открыть почтовую программу, чтобы написать на этот адрес?</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>News search</source>
        <translation>Поиск по новостям</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Источники</translation>
    </message>
    <message>
        <source>All sources</source>
        <translation>Все источники</translation>
    </message>
    <message>
        <source>All news</source>
        <translation>Все новости</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>Непрочитанные</translation>
    </message>
    <message>
        <source>Show unread articles only</source>
        <translation>Показывать только непрочитанные</translation>
    </message>
    <message>
        <source>★ Starred</source>
        <translation>★ Избранное</translation>
    </message>
    <message>
        <source>Show starred articles only</source>
        <translation>Показывать только избранное</translation>
    </message>
    <message>
        <source>Show more</source>
        <translation>Показать ещё</translation>
    </message>
    <message>
        <source>Show more news</source>
        <translation>Показать ещё новости</translation>
    </message>
    <message>
        <source>Partner news</source>
        <extracomment>The feed group whose articles the panel lists. How many it lists.</extracomment>
        <translation>Новости партнёров</translation>
    </message>
    <message>
        <source>Currency converter</source>
        <extracomment>Milliseconds a message about the whole pass stays in the status bar.</extracomment>
        <translation>Конвертер валют</translation>
    </message>
    <message>
        <source>Show the feeds that failed</source>
        <translation>Показать ленты с ошибками</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Нет сети</translation>
    </message>
    <message>
        <source>No feed server could be reached in the last update.</source>
        <translation>При последнем обновлении не удалось связаться ни с одним сервером лент.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Обновить</translation>
    </message>
    <message>
        <source>&amp;Import OPML…</source>
        <translation>&amp;Импорт OPML…</translation>
    </message>
    <message>
        <source>&amp;Export OPML…</source>
        <translation>&amp;Экспорт OPML…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Настройки…</translation>
    </message>
    <message>
        <source>&amp;News</source>
        <translation>&amp;Новости</translation>
    </message>
    <message>
        <source>Mark &amp;all read</source>
        <translation>Отметить &amp;все прочитанными</translation>
    </message>
    <message>
        <source>&amp;Next article</source>
        <translation>&amp;Следующая новость</translation>
    </message>
    <message>
        <source>&amp;Previous article</source>
        <translation>&amp;Предыдущая новость</translation>
    </message>
    <message>
        <source>&amp;Open original</source>
        <translation>&amp;Открыть оригинал</translation>
    </message>
    <message>
        <source>&amp;Star</source>
        <translation>В &amp;избранное</translation>
    </message>
    <message>
        <source>Toggle &amp;read</source>
        <translation>Прочитано / &amp;не прочитано</translation>
    </message>
    <message>
        <source>Scroll the article</source>
        <translation>Прокрутить статью</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>Пои&amp;ск</translation>
    </message>
    <message>
        <source>Newsdesk {version}

A desktop news reader and currency converter.
Exchange rates: European Central Bank and Bank of Russia reference rates.</source>
        <translation>Newsdesk {version}

Новости и конвертер валют на рабочем столе.
Курсы валют: официальные курсы Европейского центрального банка и Банка России.</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <extracomment>What a shortcut is given as: a key sequence in text, a standard key, or none.</extracomment>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>&amp;About Newsdesk</source>
        <translation>&amp;О программе Newsdesk</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Основная панель</translation>
    </message>
    <message>
        <source>News search: {text}</source>
        <translation>Поиск по новостям: {text}</translation>
    </message>
    <message>
        <source>No news yet. Press F5 to refresh, or import your feeds (File ▸ Import OPML).</source>
        <translation>Новостей пока нет. Нажмите F5, чтобы обновить, или импортируйте ленты (Файл ▸ Импорт OPML).</translation>
    </message>
    <message>
        <source>Nothing matches your search with these filters.</source>
        <translation>С этими фильтрами по вашему запросу ничего не найдено.</translation>
    </message>
    <message>
        <source>No articles match these filters.</source>
        <translation>Под эти фильтры не подходит ни одна новость.</translation>
    </message>
    <message>
        <source>That link cannot be opened.</source>
        <extracomment>How long &quot;That link cannot be opened.&quot; stays in the status bar.</extracomment>
        <translation>Эту ссылку нельзя открыть.</translation>
    </message>
    <message>
        <source>Updating…</source>
        <translation>Обновление…</translation>
    </message>
    <message>
        <source>Updating %v / %m feeds</source>
        <translation>Обновление лент: %v из %m</translation>
    </message>
    <message>
        <source>Updated {time}</source>
        <translation>Обновлено в {time}</translation>
    </message>
    <message numerus="yes">
        <source>%n feed(s) failed</source>
        <translation>
            <numerusform>Не обновилась %n лента</numerusform>
            <numerusform>Не обновились %n ленты</numerusform>
            <numerusform>Не обновились %n лент</numerusform>
        </translation>
    </message>
    <message>
        <source>Welcome to Newsdesk</source>
        <extracomment>The database mark set once the first-run welcome has been shown. The settings shortcut the welcome names; the Settings action has it on every platform.</extracomment>
        <translation>Добро пожаловать в Newsdesk</translation>
    </message>
    <message>
        <source>Newsdesk gathers the news from the sources you follow, shows the same story as other media tell it, and converts currencies at the central banks&apos; reference rates.</source>
        <translation>Newsdesk собирает новости из выбранных вами источников, показывает, как ту же историю рассказывают другие СМИ, и пересчитывает валюты по официальным курсам центральных банков.</translation>
    </message>
    <message>
        <source>The first update has started.</source>
        <translation>Первое обновление уже идёт.</translation>
    </message>
    <message>
        <source>Press {refresh} to update at any time, and {settings} to open the settings: sources, topics, theme.</source>
        <translation>Нажмите {refresh}, чтобы обновить новости в любой момент, и {settings}, чтобы открыть настройки: источники, темы, оформление.</translation>
    </message>
    <message>
        <source>Your settings are saved in {folder}.</source>
        <translation>Настройки хранятся в папке {folder}.</translation>
    </message>
    <message>
        <source>Newsdesk could not reach any news source.</source>
        <translation>Newsdesk не смог связаться ни с одним источником новостей.</translation>
    </message>
    <message>
        <source>Check your connection.</source>
        <translation>Проверьте подключение к интернету.</translation>
    </message>
    <message>
        <source>{dates} and {last}</source>
        <translation>{dates} и {last}</translation>
    </message>
    <message>
        <source>Check your connection; the converter uses the rates shipped with the app, dated {date}.</source>
        <translation>Проверьте подключение к интернету; конвертер использует курсы, поставляемые с программой, на {date}.</translation>
    </message>
    <message>
        <source>Check your connection; the converter uses the last rates it has, dated {date}.</source>
        <translation>Проверьте подключение к интернету; конвертер использует последние имеющиеся курсы на {date}.</translation>
    </message>
    <message>
        <source>Some texts change language only after Newsdesk is restarted.</source>
        <translation>Часть надписей сменит язык только после перезапуска Newsdesk.</translation>
    </message>
    <message>
        <source>Import subscriptions</source>
        <extracomment>How long the import&apos;s summary stays in the status bar.</extracomment>
        <translation>Импорт подписок</translation>
    </message>
    <message>
        <source>OPML (*.opml *.xml)</source>
        <translation>OPML (*.opml *.xml)</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>Не удалось импортировать</translation>
    </message>
    <message>
        <source>Export subscriptions</source>
        <translation>Экспорт подписок</translation>
    </message>
    <message>
        <source>OPML (*.opml)</source>
        <translation>OPML (*.opml)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Не удалось экспортировать</translation>
    </message>
    <message>
        <source>About Newsdesk</source>
        <translation>О программе Newsdesk</translation>
    </message>
</context>
<context>
    <name>NotificationsPage</name>
    <message>
        <source>Notifications and tray</source>
        <translation>Уведомления и трей</translation>
    </message>
    <message>
        <source>&amp;Notify about new articles in the topics I follow</source>
        <translation>&amp;Уведомлять о новых статьях по моим темам</translation>
    </message>
    <message>
        <source>&amp;Closing the window keeps Newsdesk in the tray</source>
        <translation>При &amp;закрытии окна оставлять Newsdesk в трее</translation>
    </message>
    <message>
        <source>Start &amp;minimised</source>
        <translation>Запускать &amp;свёрнутым</translation>
    </message>
</context>
<context>
    <name>OpmlFiles</name>
    <message numerus="yes">
        <source>Imported %n feed(s); {skipped} skipped.</source>
        <translation>
            <numerusform>Импортирована %n лента; пропущено: {skipped}.</numerusform>
            <numerusform>Импортировано %n ленты; пропущено: {skipped}.</numerusform>
            <numerusform>Импортировано %n лент; пропущено: {skipped}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PrivacyPage</name>
    <message>
        <source>Privacy</source>
        <translation>Конфиденциальность</translation>
    </message>
    <message>
        <source>Load &amp;images from the web in articles</source>
        <translation>Загружать &amp;картинки из интернета в статьях</translation>
    </message>
    <message>
        <source>Images tell their sites when and where you read an article.</source>
        <translation>По картинкам сайты узнают, когда и где вы читаете статью.</translation>
    </message>
    <message>
        <source>Send no &amp;Referer</source>
        <translation>Не отправлять &amp;Referer</translation>
    </message>
    <message>
        <source>Sites you open from an article are not told which article linked to them.</source>
        <translation>Сайты, открытые из статьи, не узнают, какая статья на них ссылалась.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>Settings pages</source>
        <translation>Разделы настроек</translation>
    </message>
    <message>
        <source>Not everything was saved: {reason}</source>
        <translation>Сохранено не всё: {reason}</translation>
    </message>
    <message>
        <source>This page has a problem to fix.</source>
        <translation>На этой странице есть ошибка, которую нужно исправить.</translation>
    </message>
</context>
<context>
    <name>Sparkline</name>
    <message>
        <source>No rate history</source>
        <translation>Истории курса нет</translation>
    </message>
    <message>
        <source>Rate chart</source>
        <translation>График курса</translation>
    </message>
    <message>
        <source>Lowest {low} on {low_day}, highest {high} on {high_day}; {first} to {last}</source>
        <translation>Минимум {low} ({low_day}), максимум {high} ({high_day}); с {first} по {last}</translation>
    </message>
</context>
<context>
    <name>TopicFilter</name>
    <message>
        <source>Topics</source>
        <translation>Темы</translation>
    </message>
    <message>
        <source>Choose only the topics that interest you</source>
        <translation>Выберите только интересные вам темы</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Все</translation>
    </message>
    <message>
        <source>All topics</source>
        <translation>Все темы</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n новость</numerusform>
            <numerusform>%n новости</numerusform>
            <numerusform>%n новостей</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TopicsPage</name>
    <message>
        <source>Topics</source>
        <translation>Темы</translation>
    </message>
    <message>
        <source>Add &amp;topic</source>
        <translation>&amp;Добавить тему</translation>
    </message>
    <message>
        <source>Remo&amp;ve topic</source>
        <translation>&amp;Удалить тему</translation>
    </message>
    <message>
        <source>Remove the selected topic</source>
        <translation>Удалить выбранную тему</translation>
    </message>
    <message>
        <source>Name in &amp;English:</source>
        <translation>Название по-&amp;английски:</translation>
    </message>
    <message>
        <source>Name in &amp;Russian:</source>
        <translation>Название по-&amp;русски:</translation>
    </message>
    <message>
        <source>&amp;Categories:</source>
        <translation>&amp;Категории:</translation>
    </message>
    <message>
        <source>One per line: feed categories that mean this topic.</source>
        <translation>По одной в строке: категории лент, которые означают эту тему.</translation>
    </message>
    <message>
        <source>&amp;Keywords:</source>
        <translation>Клю&amp;чевые слова:</translation>
    </message>
    <message>
        <source>One per line. “sanction” also finds “sanctions”; “war$” is the whole word only; “*” stands for the rest of a word.</source>
        <translation>По одному в строке. «санкци» находит и «санкции», и «санкций»; «война$» — только целое слово; «*» заменяет остаток слова.</translation>
    </message>
    <message>
        <source>Ticked topics are assigned to articles and offered in the topic filter.</source>
        <translation>Отмеченные темы присваиваются статьям и предлагаются в фильтре тем.</translation>
    </message>
    <message>
        <source>New topic</source>
        <translation>Новая тема</translation>
    </message>
    <message>
        <source>Give the topic a name.</source>
        <translation>Дайте теме название.</translation>
    </message>
    <message>
        <source>Line {number}: a category may be at most {limit} characters.</source>
        <translation>Строка {number}: категория может быть не длиннее {limit} символов.</translation>
    </message>
    <message>
        <source>Line {number}: {reason}</source>
        <translation>Строка {number}: {reason}</translation>
    </message>
</context>
<context>
    <name>TrayNotifier</name>
    <message numerus="yes">
        <source>{app}: %n unread</source>
        <translation>
            <numerusform>{app}: %n непрочитанная</numerusform>
            <numerusform>{app}: %n непрочитанные</numerusform>
            <numerusform>{app}: %n непрочитанных</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new article(s) in your topics</source>
        <translation>
            <numerusform>%n новая статья по вашим темам</numerusform>
            <numerusform>%n новые статьи по вашим темам</numerusform>
            <numerusform>%n новых статей по вашим темам</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new article(s)</source>
        <translation>
            <numerusform>%n новая статья</numerusform>
            <numerusform>%n новые статьи</numerusform>
            <numerusform>%n новых статей</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UpdatesPage</name>
    <message>
        <source>Updates</source>
        <translation>Обновление</translation>
    </message>
    <message>
        <source> min</source>
        <translation> мин</translation>
    </message>
    <message>
        <source>&amp;Refresh feeds every:</source>
        <translation>&amp;Обновлять ленты каждые:</translation>
    </message>
    <message>
        <source>Refresh when Newsdesk &amp;starts</source>
        <translation>Обновлять при &amp;запуске Newsdesk</translation>
    </message>
    <message>
        <source>&amp;Concurrent downloads:</source>
        <translation>&amp;Параллельных загрузок:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> с</translation>
    </message>
    <message>
        <source>&amp;Timeout:</source>
        <translation>&amp;Тайм-аут:</translation>
    </message>
    <message>
        <source>How long to wait for a server that has stopped sending.</source>
        <translation>Сколько ждать сервер, который перестал присылать данные.</translation>
    </message>
    <message>
        <source>Forever</source>
        <translation>Бессрочно</translation>
    </message>
    <message>
        <source> days</source>
        <translation> дн.</translation>
    </message>
    <message>
        <source>&amp;Keep articles for:</source>
        <translation>&amp;Хранить статьи:</translation>
    </message>
    <message>
        <source>Starred articles are always kept.</source>
        <translation>Избранные статьи хранятся всегда.</translation>
    </message>
    <message>
        <source>Use the system&apos;s proxy settings</source>
        <translation>Системные настройки прокси</translation>
    </message>
    <message>
        <source>No proxy</source>
        <translation>Без прокси</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Вручную</translation>
    </message>
    <message>
        <source>&amp;Proxy:</source>
        <translation>П&amp;рокси:</translation>
    </message>
    <message>
        <source>Proxy &amp;address:</source>
        <translation>&amp;Адрес прокси:</translation>
    </message>
    <message>
        <source>Enter an http or https address such as http://proxy.example:3128.</source>
        <translation>Введите адрес http или https, например http://proxy.example:3128.</translation>
    </message>
</context>
</TS>
