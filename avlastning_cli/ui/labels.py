"""The UI's own words, per language. The only wording in code: everything said to the group
comes from the protocol YAML. The UI language is the protocol's language."""

from __future__ import annotations

SV: dict[str, str] = {
    # navigation
    "go_on": "Gå vidare",
    "skip": "Hoppa över steget",
    "back": "Tillbaka",
    "pause": "Paus (spara och avsluta, fortsätt senare)",
    "emergency": "Nödläge (!)",
    "what_now": "Vad vill du göra?",
    "yes": "Ja",
    "no": "Nej",
    "emergency_key": "Nödläge: tryck ! (i textfält: F1)",
    # opening
    "opening_title": "Innan ni börjar",
    "participants": "Hur många deltar? (bara antalet, inga namn)",
    "second_leader": "Finns en andra samtalsledare med?",
    "number_range": "Skriv ett heltal mellan {lo} och {hi}.",
    # section screen
    "step": "Steg {i}/{n}",
    "minutes": "mål {target} min · hittills {elapsed} min",
    "say": "Säg",
    "tips": "Tips för dig (läs inte upp)",
    "why": "Varför",
    "points": "Syftet",
    "rules": "Spelregler",
    "may_tell": "Det här får man berätta",
    "not_to_tell": "Det här berättar man inte",
    "rehearsal": "ÖVNING",
    "scrubbed_mark": "rensas från personuppgifter",
    # the round
    "round_question": "Fråga gruppen",
    "passing_ok": "Det är okej att avstå",
    "person": "Person {k} av {n}",
    "left": "{m}:{s:02d} kvar",
    "time_up": "tiden är ute, ingen brådska",
    "spoke": "Talade",
    "passed": "Avstod",
    "end_round": "Avsluta rundan",
    "round_done": "Rundan: {spoke} talade, {passed} avstod.",
    "redo_round": "Rundan är redan gjord ({spoke} talade, {passed} avstod). Göra om den?",
    # warning signs
    "mark_signs": "Markera varningstecken som har setts (mellanslag markerar, Enter går vidare)",
    "do_now": "Gör så här nu",
    "none_marked": "Inga varningstecken markerade.",
    # emergency
    "emergency_title": "Nödläge",
    "emergency_intro": "Vid varningstecken: gör så här nu.",
    "which_sign": "Vilket varningstecken gällde det? (sparas utan vem)",
    "just_looking": "Inget, jag tittade bara",
    "escalation_saved": "Antecknat: eskalering ({sign}). Tillbaka till samma steg.",
    # next steps
    "contacts": "Kontakter",
    "get_in_touch": "Hör av dig igen",
    "follow_up": "Datum för uppföljning? (tomt = ingen; ÅÅÅÅ-MM-DD eller antal dagar, t.ex. {d})",
    "follow_up_bad": "Skriv ett datum som 2026-12-01, ett antal dagar som 3, eller lämna tomt.",
    # text answers
    "text_hint": "Frivilligt. Skriv allmänt, utan namn. Texten rensas från personuppgifter.",
    "as_stored": "Så här sparas texten",
    "masked": "{n} uppgift(er) maskerade",
    "keep_text": "Spara så här",
    "retype": "Skriv om",
    "too_long": "Texten är för lång: högst {n} tecken.",
    # rehearsal
    "scenario": "Övningssituation",
    "your_response": "Hur gör du?",
    "recommended": "Rekommenderat svar.",
    "not_recommended": "Inte det rekommenderade svaret. Rekommenderat: {text}",
    "timing": "Tid per steg",
    "timing_cols": "steg|mål min|använt min",
    "self_rating": "Självskattning",
    "rehearsal_done": "Övningen är klar. Inget sparades.",
    # end
    "preview": "Sammanfattningen, precis som den sparas",
    "save_q": "Spara sammanfattningen?",
    "save": "Spara",
    "quit_unsaved": "Avsluta utan att spara",
    "saved": "Sammanfattningen är sparad:",
    "not_saved": "Inget sparades. Det pausade samtalet är borttaget.",
    # pause, resume, errors
    "paused": "Samtalet är pausat och sparat. Fortsätt med: avlastning resume",
    "interrupted": "Avbrutet. Samtalet är pausat och sparat. Fortsätt med: avlastning resume",
    "resume_found": "Det finns ett pausat samtal från {when}.",
    "resume_it": "Fortsätt det pausade samtalet",
    "start_new": "Börja ett nytt (det pausade tas bort)",
    "protocol_changed": (
        "Protokollfilen har ändrats sedan samtalet pausades. Svar som fortfarande passar behålls."
    ),
    "no_terminal": (
        "Här finns ingen terminal att ställa frågor i. Använd --answers FIL "
        "(en mall: avlastning answers)."
    ),
    # menu
    "menu_title": "Vad vill du göra?",
    "menu_run": "Leda ett avlastningssamtal",
    "menu_rehearse": "Öva (med övningssituationer och tidsåterkoppling)",
    "menu_checklist": "Skriva ut checklista och kort (PDF)",
    "menu_resume": "Fortsätta det pausade samtalet",
    "menu_quit": "Avsluta",
    "menu_not_held": "Notera att ett samtal övervägdes men inte hölls",
    "not_held_why": "Varför hölls inget samtal?",
    "checklist_file": "checklista",
    "card_file": "kort",
    "files_written": "Sparat (checklista och kort att skriva ut):",
    "not_held_written": "Antecknat, utan personuppgifter:",
    "nothing_to_resume": "Det finns inget pausat samtal att fortsätta.",
    "discarded": "Det pausade samtalet är borttaget.",
    "needs_terminal": "Ett pausat samtal fortsätts i en terminal: avlastning resume",
    "corrupt_state": (
        "Det sparade samtalet går inte att läsa ({file}). "
        "Ta bort det med: avlastning resume --discard"
    ),
    "protocol_gone": "Protokollfilen för det pausade samtalet finns inte längre: {file}",
    # the organisation's contacts (avlastning anpassa)
    "menu_setup": "Fyll i organisationens kontaktuppgifter (för samordnare)",
    "missing_value": "(uppgift saknas)",
    "missing_title": "Kontaktuppgifter saknas",
    "missing_banner": (
        "De här kontaktuppgifterna är inte ifyllda: {names}. 112 (akut) och 1177 "
        "(råd dygnet runt) fungerar alltid."
    ),
    "missing_how": "En samordnare fyller i dem en gång för alla med: avlastning anpassa",
    "emergency_missing": "uppgift saknas – ring 112 vid fara, annars 1177",
    "emergency_fallback": (
        "Saknas en kontaktuppgift: ring 112 vid fara för liv och hälsa, annars 1177 "
        "Vårdguiden (dygnet runt)."
    ),
    "org_intro": "Organisationens kontaktuppgifter för {title}. De sparas i {file}",
    "org_intro_blank": (
        "Lämna tomt det du inte vet: på papper blir det en rad att skriva på för hand."
    ),
    "org_preview": "Så här skrivs kontakterna ut",
    "org_done": "Klar",
    "org_change": "Ändra en uppgift",
    "org_which": "Vilken uppgift vill du ändra?",
    "org_next": "Vad vill du göra nu?",
    "org_saved": "Sparat i {file}",
    "org_share": (
        "Ge filen till varje teamledare. De kör: avlastning anpassa --from {name}  "
        "(eller sätter AVLASTNING_ORGANISATION till sökvägen för en delad kopia)."
    ),
    "org_unset": "(inte ifyllt)",
    "org_none": "Protokollet {id} har inga platser att fylla i.",
    "org_no_terminal": (
        "Frågorna behöver en terminal. Utan terminal: avlastning anpassa --set NYCKEL=VÄRDE "
        "eller --from FIL (nycklarna visas med --show)."
    ),
    "org_unknown_key": "Okänd nyckel '{key}'.{close} Nycklarna: {keys}.",
    "org_did_you_mean": "Menade du '{key}'?",
    "write_in_phone": "Telefon",
    "org_set_form": 'Skriv --set som NYCKEL=VÄRDE, t.ex. --set manager="070-123 45 67".',
    "org_no_markup": "Skriv uppgiften utan < och >.",
    "org_too_long": "Högst {n} tecken.",
    "org_bad_url": "”{value}”: ingen hel webbadress (t.ex. https://www.1177.se)",
    "org_bad_phone": "”{value}”: {why} (t.ex. 010-123 45 67 eller 1177)",
    "org_phone_short": "för kort för ett telefonnummer",
    "org_phone_long": "för långt för ett telefonnummer",
    "org_phone_length": "fel antal siffror för ett telefonnummer",
    "org_phone_invalid": "inget giltigt telefonnummer",
    "org_phone_unreadable": "går inte att läsa som ett telefonnummer",
    # robustness (issue 15): files, disks, signals, two sessions
    "pdf_glyphs": (
        'PDF-typsnittet kan inte visa {chars}; de står som "?" i PDF:en. '
        "Använd -f html om de ska komma med."
    ),
    "autosave_failed": (
        "Obs: samtalet kunde inte sparas löpande ({why}). Du kan fortsätta och spara "
        "sammanfattningen i slutet, men avbryts programmet nu går svaren förlorade."
    ),
    "autosave_back": "Samtalet sparas löpande igen.",
    "pause_unsaved": (
        "Pausen kan inte sparas ({why}), så samtalet fortsätter här. Frigör plats och pausa "
        "igen, eller gå vidare till slutet och spara sammanfattningen."
    ),
    "out_unwritable": "Det går inte att skriva i mappen för sammanfattningen: {folder} ({why}).",
    "out_unwritable_hint": "Välj en annan mapp med --out MAPP.",
    "save_failed": "Sammanfattningen kunde inte sparas i {folder} ({why}).",
    "save_failed_hint": (
        "Inget är förlorat: samtalet är sparat. Spara i en annan mapp med: "
        "avlastning resume --out MAPP"
    ),
    "save_failed_answers_hint": "Kör samma kommando igen med --out MAPP.",
    "save_failed_nostate": (
        "Inget sparat samtal finns heller ({why}). Skriv av svaren innan du stänger fönstret."
    ),
    "output_lost": "Utskriften kunde inte skrivas klart ({why}).",
    "session_running": (
        "Ett samtal pågår redan{where} (process {pid}, startat {when}). Två samtal kan inte "
        "sparas på samma ställe samtidigt."
    ),
    "session_running_hint": (
        "Avsluta eller pausa det där först. Ett pausat samtal fortsätter du med: avlastning resume"
    ),
    "session_running_where": " i terminalen {tty}",
    "which_session": "Vilket pausat samtal vill du fortsätta?",
    "paused_live": "Samtalet från {when}",
    "paused_rehearsal": "Övningen från {when}",
}

EN: dict[str, str] = {
    "go_on": "Go on",
    "skip": "Skip this step",
    "back": "Back",
    "pause": "Pause (save and quit, go on later)",
    "emergency": "Emergency (!)",
    "what_now": "What next?",
    "yes": "Yes",
    "no": "No",
    "emergency_key": "Emergency: press ! (in a text field: F1)",
    "opening_title": "Before you start",
    "participants": "How many take part? (the number only, no names)",
    "second_leader": "Is a second leader present?",
    "number_range": "Type a whole number from {lo} to {hi}.",
    "step": "Step {i}/{n}",
    "minutes": "target {target} min · so far {elapsed} min",
    "say": "Say",
    "tips": "Tips for you (not to read aloud)",
    "why": "Why",
    "points": "The purpose",
    "rules": "Ground rules",
    "may_tell": "You may tell",
    "not_to_tell": "Do not tell",
    "rehearsal": "REHEARSAL",
    "scrubbed_mark": "scrubbed of personal data",
    "round_question": "Ask the group",
    "passing_ok": "Passing is fine",
    "person": "Person {k} of {n}",
    "left": "{m}:{s:02d} left",
    "time_up": "time is up, no hurry",
    "spoke": "Spoke",
    "passed": "Passed",
    "end_round": "End the round",
    "round_done": "The round: {spoke} spoke, {passed} passed.",
    "redo_round": "The round is done ({spoke} spoke, {passed} passed). Do it again?",
    "mark_signs": "Mark the warning signs seen (space marks, Enter goes on)",
    "do_now": "Do this now",
    "none_marked": "No warning signs marked.",
    "emergency_title": "Emergency",
    "emergency_intro": "On a warning sign: do this now.",
    "which_sign": "Which warning sign was it? (saved without who)",
    "just_looking": "None, I was just looking",
    "escalation_saved": "Noted: escalation ({sign}). Back to the same step.",
    "contacts": "Contacts",
    "get_in_touch": "Get in touch again",
    "follow_up": "Follow-up date? (empty = none; YYYY-MM-DD or a number of days, e.g. {d})",
    "follow_up_bad": "Type a date like 2026-12-01, a number of days like 3, or leave it empty.",
    "text_hint": "Optional. Write in general terms, no names. Scrubbed of personal data.",
    "as_stored": "The text as it will be stored",
    "masked": "{n} item(s) masked",
    "keep_text": "Keep it like this",
    "retype": "Type it again",
    "too_long": "The text is too long: at most {n} characters.",
    "scenario": "Rehearsal situation",
    "your_response": "What do you do?",
    "recommended": "The recommended response.",
    "not_recommended": "Not the recommended response. Recommended: {text}",
    "timing": "Time per step",
    "timing_cols": "step|target min|used min",
    "self_rating": "Self-rating",
    "rehearsal_done": "The rehearsal is done. Nothing was saved.",
    "preview": "The summary, exactly as it will be stored",
    "save_q": "Save the summary?",
    "save": "Save",
    "quit_unsaved": "Quit without saving",
    "saved": "The summary is saved:",
    "not_saved": "Nothing was saved. The paused session is removed.",
    "paused": "The session is paused and saved. Go on with: avlastning resume",
    "interrupted": "Interrupted. The session is paused and saved. Go on with: avlastning resume",
    "resume_found": "There is a paused session from {when}.",
    "resume_it": "Go on with the paused session",
    "start_new": "Start a new one (the paused one is removed)",
    "protocol_changed": (
        "The protocol file has changed since the session was paused. "
        "Answers that still fit are kept."
    ),
    "no_terminal": (
        "There is no terminal to ask questions in. Use --answers FILE "
        "(a template: avlastning answers)."
    ),
    "menu_title": "What do you want to do?",
    "menu_run": "Lead a defusing session",
    "menu_rehearse": "Rehearse (with situations and timing feedback)",
    "menu_checklist": "Print a checklist and a card (PDF)",
    "menu_resume": "Go on with the paused session",
    "menu_quit": "Quit",
    "menu_not_held": "Record that a session was considered but not held",
    "not_held_why": "Why was no session held?",
    "checklist_file": "checklist",
    "card_file": "card",
    "files_written": "Saved (a checklist and a card to print):",
    "not_held_written": "Recorded, with no personal data:",
    "nothing_to_resume": "There is no paused session to go on with.",
    "discarded": "The paused session is removed.",
    "needs_terminal": "A paused session goes on in a terminal: avlastning resume",
    "corrupt_state": (
        "The saved session cannot be read ({file}). Remove it with: avlastning resume --discard"
    ),
    "protocol_gone": "The protocol file of the paused session is gone: {file}",
    # the organisation's contacts (avlastning anpassa)
    "menu_setup": "Fill in the organisation's contacts (for coordinators)",
    "missing_value": "(not filled in)",
    "missing_title": "Contacts missing",
    "missing_banner": (
        "These contacts are not filled in: {names}. 112 (emergency) and 1177 (advice, day "
        "and night) always work."
    ),
    "missing_how": "A coordinator fills them in once for all with: avlastning anpassa",
    "emergency_missing": "not filled in – call 112 in danger, otherwise 1177",
    "emergency_fallback": (
        "If a contact is missing: call 112 when life or health is in danger, otherwise 1177 "
        "Vårdguiden (day and night)."
    ),
    "org_intro": "The organisation's contacts for {title}. They are saved in {file}",
    "org_intro_blank": (
        "Leave blank what you do not know: on paper it becomes a line to write on by hand."
    ),
    "org_preview": "This is how the contacts will be printed",
    "org_done": "Done",
    "org_change": "Change one answer",
    "org_which": "Which one do you want to change?",
    "org_next": "What now?",
    "org_saved": "Saved in {file}",
    "org_share": (
        "Give the file to every team leader. They run: avlastning anpassa --from {name}  "
        "(or set AVLASTNING_ORGANISATION to the path of a shared copy)."
    ),
    "org_unset": "(not filled in)",
    "org_none": "The protocol {id} has no places to fill in.",
    "org_no_terminal": (
        "The questions need a terminal. Without one: avlastning anpassa --set KEY=VALUE or "
        "--from FILE (--show lists the keys)."
    ),
    "org_unknown_key": "Unknown key '{key}'.{close} The keys: {keys}.",
    "org_did_you_mean": "Did you mean '{key}'?",
    "write_in_phone": "Phone",
    "org_set_form": 'Give --set as KEY=VALUE, e.g. --set manager="070-123 45 67".',
    "org_no_markup": "Write it without < and >.",
    "org_too_long": "At most {n} characters.",
    "org_bad_url": "“{value}”: not a whole web address (e.g. https://www.1177.se)",
    "org_bad_phone": "“{value}”: {why} (e.g. 010-123 45 67 or 1177)",
    "org_phone_short": "too short for a phone number",
    "org_phone_long": "too long for a phone number",
    "org_phone_length": "wrong number of digits for a phone number",
    "org_phone_invalid": "not a valid phone number",
    "org_phone_unreadable": "cannot be read as a phone number",
    # robustness (issue 15): files, disks, signals, two sessions
    "pdf_glyphs": (
        'The PDF font cannot draw {chars}; they show as "?" in the PDF. Use -f html to keep them.'
    ),
    "autosave_failed": (
        "Note: the session could not be saved as it goes ({why}). You can go on and save the "
        "summary at the end, but if the program stops now the answers are lost."
    ),
    "autosave_back": "The session is being saved as it goes again.",
    "pause_unsaved": (
        "The pause cannot be saved ({why}), so the session goes on here. Free some space and "
        "pause again, or go on to the end and save the summary."
    ),
    "out_unwritable": "The folder for the summary cannot be written to: {folder} ({why}).",
    "out_unwritable_hint": "Choose another folder with --out FOLDER.",
    "save_failed": "The summary could not be saved in {folder} ({why}).",
    "save_failed_hint": (
        "Nothing is lost: the session is saved. Save it in another folder with: "
        "avlastning resume --out FOLDER"
    ),
    "save_failed_answers_hint": "Run the same command again with --out FOLDER.",
    "save_failed_nostate": (
        "There is no saved session either ({why}). Copy the answers down before you close "
        "the window."
    ),
    "output_lost": "The output could not be written in full ({why}).",
    "session_running": (
        "A session is already running{where} (process {pid}, started {when}). Two sessions "
        "cannot be saved in the same place at once."
    ),
    "session_running_hint": (
        "Finish or pause it there first. A paused session goes on with: avlastning resume"
    ),
    "session_running_where": " in terminal {tty}",
    "which_session": "Which paused session do you want to go on with?",
    "paused_live": "The session from {when}",
    "paused_rehearsal": "The rehearsal from {when}",
}

LABELS: dict[str, dict[str, str]] = {"sv": SV, "en": EN}


def labels(language: str) -> dict[str, str]:
    """The UI labels for ``language`` (Swedish for anything unknown)."""
    return LABELS.get(language, SV)
