<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>AdminPanel</name>
    <message>
        <source>one-time token from the operator</source>
        <translation>jeton à usage unique de l’opérateur</translation>
    </message>
    <message>
        <source>Enrol</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Synchroniser</translation>
    </message>
    <message>
        <source>Check ledger integrity</source>
        <translation>Vérifier le registre</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>Sauvegarder</translation>
    </message>
    <message>
        <source>(the default venue)</source>
        <translation>(lieu par défaut)</translation>
    </message>
    <message>
        <source>the venue&apos;s</source>
        <translation>celui du lieu</translation>
    </message>
    <message>
        <source>host[:port], device, file path or CUPS queue</source>
        <translation>hôte[:port], périphérique, fichier ou file CUPS</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>Enregistrer les réglages</translation>
    </message>
    <message>
        <source>Exit kiosk mode</source>
        <translation>Quitter le mode borne</translation>
    </message>
    <message>
        <source>Identity, enrolment and sync</source>
        <translation>Identité, enregistrement et synchronisation</translation>
    </message>
    <message>
        <source>Registry URL</source>
        <translation>URL du registre</translation>
    </message>
    <message>
        <source>Enrolment token</source>
        <translation>Jeton d’enregistrement</translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation>Registre</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Réglages</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <source>Idle timeout (s)</source>
        <translation>Délai d’inactivité (s)</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Langues</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>Imprimante</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>Kiosk {kiosk}; registry {registry}.
Last successful sync: {ok}. Queue: {queue} record(s) to send, {rejected} rejected.
Last error: {error}</source>
        <translation>Borne {kiosk} ; registre {registry}.
Dernière synchronisation réussie : {ok}. File : {queue} enregistrement(s) à envoyer, {rejected} refusé(s).
Dernière erreur : {error}</translation>
    </message>
    <message>
        <source>(not enrolled)</source>
        <translation>(non enregistrée)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>Ledger: {problem}</source>
        <translation>Registre : {problem}</translation>
    </message>
    <message>
        <source>Backups in {folder}: {names}</source>
        <translation>Sauvegardes dans {folder} : {names}</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>aucune pour l’instant</translation>
    </message>
    <message>
        <source>The ledger is sound.</source>
        <translation>Le registre est intact.</translation>
    </message>
    <message>
        <source>Backed up to {path}.</source>
        <translation>Sauvegardé dans {path}.</translation>
    </message>
    <message>
        <source>Settings saved; the kiosk uses them at its next start.</source>
        <translation>Réglages enregistrés ; la borne les utilisera à son prochain démarrage.</translation>
    </message>
    <message>
        <source>Enter the registry URL and the token.</source>
        <translation>Saisissez l’URL du registre et le jeton.</translation>
    </message>
    <message>
        <source>Started…</source>
        <translation>Démarré…</translation>
    </message>
    <message>
        <source>{job}: done.</source>
        <translation>{job} : terminé.</translation>
    </message>
    <message>
        <source>{job}: done, but the registry rejected records (see `diandian sync --rejects`).</source>
        <translation>{job} : terminé, mais le registre a refusé des enregistrements (voir `diandian sync --rejects`).</translation>
    </message>
    <message>
        <source>{job}: failed (status {code}).</source>
        <translation>{job} : échec (code {code}).</translation>
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <source>Offset your footprint here</source>
        <translation>Compensez votre empreinte ici</translation>
    </message>
    <message>
        <source>Work out the carbon footprint of your trip, stay or meal in a minute, and offset it with local projects.</source>
        <translation>Calculez en une minute l&apos;empreinte carbone de votre trajet, séjour ou repas, et compensez-la avec des projets locaux.</translation>
    </message>
    <message>
        <source>Touch to start</source>
        <translation>Touchez pour commencer</translation>
    </message>
    <message>
        <source>Or scan with your phone</source>
        <translation>Ou scannez avec votre téléphone</translation>
    </message>
    <message>
        <source>Attendees have offset {x} of the event&apos;s {y}</source>
        <translation>Les participants ont compensé {x} sur les {y} de l&apos;événement</translation>
    </message>
    <message>
        <source>the organiser {z}</source>
        <translation>l&apos;organisateur {z}</translation>
    </message>
    <message>
        <source>(as of {time})</source>
        <translation>(au {time})</translation>
    </message>
</context>
<context>
    <name>BackupRestore</name>
    <message>
        <source>Restore…</source>
        <translation>Restaurer…</translation>
    </message>
    <message>
        <source>Comparing the backup with the ledger…</source>
        <translation>Comparaison de la sauvegarde avec le registre…</translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>Restauration…</translation>
    </message>
    <message>
        <source>Restored {backup}. New certificates continue from serial {serial}.</source>
        <translation>{backup} restaurée. Les nouveaux certificats reprennent au numéro {serial}.</translation>
    </message>
    <message>
        <source>The previous ledger is kept as {kept}.</source>
        <translation>L’ancien registre est conservé sous {kept}.</translation>
    </message>
    <message>
        <source>The damaged file was moved aside: a kiosk that had it open is out of service until &quot;try again&quot; is pressed or it restarts.</source>
        <translation>Le fichier endommagé a été mis de côté : une borne qui l’avait ouvert reste hors service jusqu’à « Réessayer » ou son redémarrage.</translation>
    </message>
    <message>
        <source>Warning: the restored ledger does not verify: {problem}</source>
        <translation>Attention : le registre restauré ne passe pas la vérification : {problem}</translation>
    </message>
</context>
<context>
    <name>Cashier</name>
    <message>
        <source>Wrong PIN ({left} tries left).</source>
        <translation>Code erroné ({left} essais restants).</translation>
    </message>
    <message>
        <source>Too many wrong PINs: locked until {until}.</source>
        <translation>Trop de codes erronés : bloqué jusqu’à {until}.</translation>
    </message>
    <message>
        <source>No order with that code.</source>
        <translation>Aucune commande avec ce code.</translation>
    </message>
    <message>
        <source>That order cannot be changed now.</source>
        <translation>Cette commande ne peut plus être modifiée.</translation>
    </message>
    <message>
        <source>The ledger cannot be used.</source>
        <translation>Le registre ne peut pas être utilisé.</translation>
    </message>
    <message>
        <source>Only an administrator may do that.</source>
        <translation>Seul un administrateur peut le faire.</translation>
    </message>
    <message>
        <source>Not printed: {reason}. The order stays paid; reprint it later.</source>
        <translation>Non imprimé : {reason}. La commande reste payée ; réimprimez plus tard.</translation>
    </message>
    <message>
        <source>Something went wrong ({kind}); the details are in the log.</source>
        <translation>Un problème est survenu ({kind}) ; détails dans le journal.</translation>
    </message>
    <message>
        <source>Slip sent to {printer}, which did not confirm it: check it came out; it stays on the reprint list.</source>
        <translation>Reçu envoyé à {printer}, qui ne l’a pas confirmé : vérifiez qu’il est sorti ; il reste dans la liste à réimprimer.</translation>
    </message>
    <message>
        <source>Slip printed on {printer}.</source>
        <translation>Ticket imprimé sur {printer}.</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>Enregistré : {path}.</translation>
    </message>
</context>
<context>
    <name>CashierWindow</name>
    <message>
        <source>Diandian cashier</source>
        <translation>Caisse Diandian</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Se déconnecter</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>administrateur</translation>
    </message>
    <message>
        <source>cashier</source>
        <translation>caissier</translation>
    </message>
    <message>
        <source>Signed in as {name} ({role})</source>
        <translation>Connecté : {name} ({role})</translation>
    </message>
    <message>
        <source>Orders to pay</source>
        <translation>Commandes à payer</translation>
    </message>
    <message>
        <source>Paid, slips and voids</source>
        <translation>Payées, tickets et annulations</translation>
    </message>
    <message>
        <source>End of day</source>
        <translation>Fin de journée</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>Imprimante</translation>
    </message>
    <message>
        <source>Administration</source>
        <translation>Administration</translation>
    </message>
    <message>
        <source>Prices</source>
        <translation>Prix</translation>
    </message>
    <message>
        <source>Emission factors</source>
        <translation>Facteurs d’émission</translation>
    </message>
</context>
<context>
    <name>CertificateScreen</name>
    <message>
        <source>Scan with your phone to keep your certificate</source>
        <translation>Scannez avec votre téléphone pour garder votre certificat</translation>
    </message>
    <message>
        <source>Share image, on your certificate page</source>
        <translation>Image à partager, sur la page de votre certificat</translation>
    </message>
    <message>
        <source>See the ranking</source>
        <translation>Voir le classement</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Print again</source>
        <translation>Réimprimer</translation>
    </message>
    <message>
        <source>Printing your slip…</source>
        <translation>Impression du reçu…</translation>
    </message>
    <message>
        <source>Your slip is printed: take it from the printer.</source>
        <translation>Votre reçu est imprimé : prenez-le à l&apos;imprimante.</translation>
    </message>
    <message>
        <source>Your slip was sent, but the printer did not confirm it. If nothing came out, print again or ask the cashier.</source>
        <translation>Votre reçu a été envoyé, mais l’imprimante ne l’a pas confirmé. S’il n’est pas sorti, imprimez-le à nouveau ou demandez à la caisse.</translation>
    </message>
    <message>
        <source>The slip could not be printed. Ask the cashier: they can print it later.</source>
        <translation>Le reçu n&apos;a pas pu être imprimé. Demandez à la caisse : il pourra être imprimé plus tard.</translation>
    </message>
    <message>
        <source>No printer at this kiosk: keep the QR code on your phone.</source>
        <translation>Pas d&apos;imprimante sur cette borne : gardez le QR code sur votre téléphone.</translation>
    </message>
    <message>
        <source>{caption}: {mass} CO₂e</source>
        <translation>{caption} : {mass} CO₂e</translation>
    </message>
    <message>
        <source>Certificate {serial}</source>
        <translation>Certificat {serial}</translation>
    </message>
</context>
<context>
    <name>CityPicker</name>
    <message>
        <source>Type a city: 成都, chengdu…</source>
        <translation>Tapez une ville : 成都, chengdu…</translation>
    </message>
    <message>
        <source>No city is spelt like that. Did you mean:</source>
        <translation>Aucune ville ne s&apos;écrit ainsi. Vouliez-vous dire :</translation>
    </message>
    <message>
        <source>Matches</source>
        <translation>Résultats</translation>
    </message>
    <message>
        <source>No city found</source>
        <translation>Aucune ville trouvée</translation>
    </message>
    <message>
        <source>Popular here</source>
        <translation>Villes fréquentes</translation>
    </message>
    <message>
        <source>You are here</source>
        <translation>Vous êtes ici</translation>
    </message>
    <message>
        <source>No city chosen yet</source>
        <translation>Aucune ville choisie</translation>
    </message>
</context>
<context>
    <name>Claims</name>
    <message>
        <source>Carbon-neutral certificate</source>
        <translation>Certificat de neutralité carbone</translation>
    </message>
    <message>
        <source>Carbon offset certificate</source>
        <translation>Certificat de compensation carbone</translation>
    </message>
    <message>
        <source>Carbon credit purchase</source>
        <translation>Achat de crédits carbone</translation>
    </message>
    <message>
        <source>Void certificate</source>
        <translation>Certificat annulé</translation>
    </message>
    <message>
        <source>Purchased and retired</source>
        <translation>Acheté et retiré</translation>
    </message>
    <message>
        <source>Purchased, retirement pending</source>
        <translation>Acheté, retrait en attente</translation>
    </message>
    <message>
        <source>Refunded: this certificate is void</source>
        <translation>Remboursé : ce certificat est annulé</translation>
    </message>
    <message>
        <source>Offsets your whole footprint</source>
        <translation>Compense toute votre empreinte</translation>
    </message>
    <message>
        <source>Offsets {pct} % of your footprint</source>
        <translation>Compense {pct} % de votre empreinte</translation>
    </message>
    <message>
        <source>Offsets one month of your year ({pct} %)</source>
        <translation>Compense un mois de votre année ({pct} %)</translation>
    </message>
    <message>
        <source>Offsets less than 1 % of your footprint</source>
        <translation>Compense moins de 1 % de votre empreinte</translation>
    </message>
    <message>
        <source>Bought for your whole footprint</source>
        <translation>Achat pour toute votre empreinte</translation>
    </message>
    <message>
        <source>Bought for {pct} % of your footprint</source>
        <translation>Achat pour {pct} % de votre empreinte</translation>
    </message>
    <message>
        <source>Bought for one month of your year ({pct} %)</source>
        <translation>Achat pour un mois de votre année ({pct} %)</translation>
    </message>
    <message>
        <source>Bought for less than 1 % of your footprint</source>
        <translation>Achat pour moins de 1 % de votre empreinte</translation>
    </message>
    <message>
        <source>Demo, not registered: the QR opens no web page</source>
        <translation>Démo, non enregistré : le QR n&apos;ouvre aucune page</translation>
    </message>
    <message>
        <source>Offset</source>
        <translation>Compensé</translation>
    </message>
    <message>
        <source>Purchased</source>
        <translation>Acheté</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>Remboursé</translation>
    </message>
    <message>
        <source>Retired credits</source>
        <translation>Crédits retirés</translation>
    </message>
    <message>
        <source>Retirement reference</source>
        <translation>Référence du retrait</translation>
    </message>
    <message>
        <source>Beneficiary</source>
        <translation>Bénéficiaire</translation>
    </message>
</context>
<context>
    <name>FactorsPanel</name>
    <message>
        <source>Filter, e.g. meal or grid</source>
        <translation>Filtrer, par ex. meal ou grid</translation>
    </message>
    <message>
        <source>Factor</source>
        <translation>Facteur</translation>
    </message>
    <message>
        <source>kg CO₂e</source>
        <translation>kg CO₂e</translation>
    </message>
    <message>
        <source>per</source>
        <translation>par</translation>
    </message>
    <message>
        <source>kg CO₂e per unit, e.g. 0.5306</source>
        <translation>kg CO₂e par unité, par ex. 0,5306</translation>
    </message>
    <message>
        <source>who published the number</source>
        <translation>qui a publié ce chiffre</translation>
    </message>
    <message>
        <source>which table or report</source>
        <translation>quel tableau ou rapport</translation>
    </message>
    <message>
        <source>why this kiosk differs</source>
        <translation>pourquoi cette borne diffère</translation>
    </message>
    <message>
        <source>Use this value here</source>
        <translation>Utiliser cette valeur ici</translation>
    </message>
    <message>
        <source>Back to the table&apos;s value</source>
        <translation>Revenir à la valeur du tableau</translation>
    </message>
    <message>
        <source>Local value</source>
        <translation>Valeur locale</translation>
    </message>
    <message>
        <source>Publisher</source>
        <translation>Éditeur</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>Jeu de données</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Année</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>(local)</source>
        <translation>(local)</translation>
    </message>
    <message>
        <source>(not applied)</source>
        <translation>(non appliquée)</translation>
    </message>
    <message>
        <source>Choose a factor.</source>
        <translation>Choisissez un facteur.</translation>
    </message>
    <message>
        <source>{name}: {value} kg CO₂e per {unit} in table {version}. Source: {source}</source>
        <translation>{name} : {value} kg CO₂e par {unit} dans le tableau {version}. Source : {source}</translation>
    </message>
    <message>
        <source>Here: {value} ({share:.0%} of the table&apos;s), {publisher}, {dataset} ({year}) {url}; set by {who} at {when}: {why}</source>
        <translation>Ici : {value} ({share:.0%} de la valeur du tableau), {publisher}, {dataset} ({year}) {url} ; fixé par {who} le {when} : {why}</translation>
    </message>
    <message>
        <source>Not applied: the table&apos;s value has moved more than {span}× away from it since it was set. Set it again or go back to the table&apos;s value.</source>
        <translation>Non appliquée : la valeur du tableau s’en est éloignée de plus de {span}× depuis qu’elle a été fixée. Fixez-la à nouveau ou revenez à la valeur du tableau.</translation>
    </message>
    <message>
        <source>{factor} is now {value} on this kiosk, from the next customer.</source>
        <translation>{factor} vaut maintenant {value} sur cette borne, dès le prochain client.</translation>
    </message>
    <message>
        <source>{factor} is back at the table&apos;s value.</source>
        <translation>{factor} est revenu à la valeur du tableau.</translation>
    </message>
</context>
<context>
    <name>IdlePrompt</name>
    <message>
        <source>Are you still there?</source>
        <translation>Êtes-vous toujours là ?</translation>
    </message>
    <message>
        <source>Starting over in {seconds} s. Your order {code} stays payable at the counter until {until}.</source>
        <translation>Retour à l&apos;accueil dans {seconds} s. Votre commande {code} reste payable au comptoir jusqu&apos;à {until}.</translation>
    </message>
    <message>
        <source>Starting over in {seconds} s; your answers will be cleared.</source>
        <translation>Retour au début dans {seconds} s ; vos réponses seront effacées.</translation>
    </message>
    <message>
        <source>I&apos;m still here</source>
        <translation>Je suis là</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Diandian · carbon neutral</source>
        <translation>Diandian · neutralité carbone</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Choix</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>Questions</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projet</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Paiement</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Certificat</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>not yet placed</source>
        <translation>pas encore passée</translation>
    </message>
    <message>
        <source>awaiting payment</source>
        <translation>en attente de paiement</translation>
    </message>
    <message>
        <source>paid</source>
        <translation>payée</translation>
    </message>
    <message>
        <source>voided</source>
        <translation>annulée</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>expirée</translation>
    </message>
    <message>
        <source>cash</source>
        <translation>espèces</translation>
    </message>
    <message>
        <source>card</source>
        <translation>carte</translation>
    </message>
    <message>
        <source>mobile payment</source>
        <translation>paiement mobile</translation>
    </message>
    <message>
        <source>placed</source>
        <translation>passée</translation>
    </message>
    <message>
        <source>{tendered_fen} tendered is less than the {due_fen} due.</source>
        <translation>{tendered_fen} reçus, moins que les {due_fen} dus.</translation>
    </message>
    <message>
        <source>Type the cash tendered.</source>
        <translation>Saisissez les espèces reçues.</translation>
    </message>
    <message>
        <source>Type the amount in yuan, like 50 or 12.50.</source>
        <translation>Saisissez le montant en yuans, par exemple 50 ou 12,50.</translation>
    </message>
    <message>
        <source>An amount has at most two decimals (fen).</source>
        <translation>Un montant a au plus deux décimales (fens).</translation>
    </message>
    <message>
        <source>No order or certificate {ref} on this kiosk.</source>
        <translation>Aucune commande ni certificat {ref} sur cette borne.</translation>
    </message>
    <message>
        <source>Certificate {ref} was issued by another kiosk ({kiosk}): look it up there.</source>
        <translation>Le certificat {ref} vient d&apos;une autre borne ({kiosk}) : cherchez-le là-bas.</translation>
    </message>
    <message>
        <source>Scan or type an order code or a certificate number.</source>
        <translation>Scannez ou saisissez un code de commande ou un numéro de certificat.</translation>
    </message>
    <message>
        <source>That order is {status}; it cannot be {action} now.</source>
        <translation>Cette commande est {status} ; elle ne peut plus être {action}.</translation>
    </message>
    <message>
        <source>A reason is required to void a paid order.</source>
        <translation>Un motif est obligatoire pour annuler une commande payée.</translation>
    </message>
    <message>
        <source>The reason can be at most {max} characters.</source>
        <translation>Le motif fait au plus {max} caractères.</translation>
    </message>
    <message>
        <source>That order is {status}; it has no slip.</source>
        <translation>Cette commande est {status} ; elle n&apos;a pas de reçu.</translation>
    </message>
    <message>
        <source>No printer is set up here. An administrator can add one.</source>
        <translation>Aucune imprimante n&apos;est configurée ici. Un administrateur peut en ajouter une.</translation>
    </message>
    <message>
        <source>The sales ledger file is missing.</source>
        <translation>Le registre des ventes est introuvable.</translation>
    </message>
    <message>
        <source>The sales ledger file is empty.</source>
        <translation>Le registre des ventes est vide.</translation>
    </message>
    <message>
        <source>The sales ledger file was removed while in use.</source>
        <translation>Le registre des ventes a été supprimé pendant son utilisation.</translation>
    </message>
    <message>
        <source>The sales ledger file was replaced; the app must restart.</source>
        <translation>Le registre des ventes a été remplacé ; l&apos;application doit redémarrer.</translation>
    </message>
    <message>
        <source>The disk holding the sales ledger is read-only.</source>
        <translation>Le disque du registre des ventes est en lecture seule.</translation>
    </message>
    <message>
        <source>The sales ledger cannot be written (permissions).</source>
        <translation>Le registre des ventes ne peut pas être écrit (droits).</translation>
    </message>
    <message>
        <source>The disk holding the sales ledger is full; nothing was lost.</source>
        <translation>Le disque du registre des ventes est plein ; rien n&apos;a été perdu.</translation>
    </message>
    <message>
        <source>The sales ledger file is damaged; restore it from a backup.</source>
        <translation>Le registre des ventes est endommagé ; restaurez-le depuis une sauvegarde.</translation>
    </message>
    <message>
        <source>The sales ledger is busy in another program; try again.</source>
        <translation>Le registre des ventes est occupé par un autre programme ; réessayez.</translation>
    </message>
    <message>
        <source>The sales ledger cannot be read or written (disk error).</source>
        <translation>Le registre des ventes ne peut être lu ni écrit (erreur disque).</translation>
    </message>
    <message>
        <source>The sales ledger&apos;s disk does not support safe writing.</source>
        <translation>Le disque du registre des ventes ne permet pas une écriture sûre.</translation>
    </message>
    <message>
        <source>The folder for the sales ledger cannot be created.</source>
        <translation>Le dossier du registre des ventes ne peut pas être créé.</translation>
    </message>
    <message>
        <source>The sales ledger cannot be created.</source>
        <translation>Le registre des ventes ne peut pas être créé.</translation>
    </message>
    <message>
        <source>The sales ledger was written by a newer version of this app; update it.</source>
        <translation>Le registre des ventes a été écrit par une version plus récente de l’application ; mettez-la à jour.</translation>
    </message>
    <message>
        <source>The sales ledger failed.</source>
        <translation>Le registre des ventes a échoué.</translation>
    </message>
</context>
<context>
    <name>NicknameScreen</name>
    <message>
        <source>Please choose another name: this one is not allowed.</source>
        <translation>Choisissez un autre nom : celui-ci n&apos;est pas autorisé.</translation>
    </message>
    <message>
        <source>Please type the company&apos;s registered name.</source>
        <translation>Saisissez le nom enregistré de l&apos;entreprise.</translation>
    </message>
    <message>
        <source>The invoice email does not look right: type one like name@example.com, or leave it empty.</source>
        <translation>L&apos;e-mail de facturation semble incorrect : saisissez une adresse comme name@example.com, ou laissez vide.</translation>
    </message>
    <message>
        <source>Character {n} ({c}) is never in a credit code: digits and capitals except I, O, S, V, Z.</source>
        <translation>Le caractère {n} ({c}) n&apos;existe pas dans un code de crédit social : chiffres et majuscules sauf I, O, S, V, Z.</translation>
    </message>
    <message>
        <source>The 18th character does not fit the others: please check the code.</source>
        <translation>Le 18e caractère ne correspond pas aux autres : vérifiez le code.</translation>
    </message>
    <message>
        <source>A unified social credit code has 18 characters; {n} typed.</source>
        <translation>Un code unifié de crédit social a 18 caractères ; {n} saisis.</translation>
    </message>
    <message>
        <source>What name should your certificate show?</source>
        <translation>Quel nom afficher sur votre certificat ?</translation>
    </message>
    <message>
        <source>Optional: a nickname shown on your certificate and in the ranking (up to {n} characters). Tap 中/EN to switch input.</source>
        <translation>Facultatif : un pseudo affiché sur votre certificat et dans le classement ({n} caractères au plus). Touchez 中/EN pour changer de saisie.</translation>
    </message>
    <message>
        <source>Nickname</source>
        <translation>Pseudo</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Entreprise</translation>
    </message>
    <message>
        <source>Company name (as registered)</source>
        <translation>Nom de l&apos;entreprise (tel qu&apos;enregistré)</translation>
    </message>
    <message>
        <source>Unified social credit code (18)</source>
        <translation>Code unifié de crédit social (18)</translation>
    </message>
    <message>
        <source>Email for the invoice (optional)</source>
        <translation>E-mail pour la facture (facultatif)</translation>
    </message>
    <message>
        <source>Which company is buying?</source>
        <translation>Quelle entreprise achète ?</translation>
    </message>
    <message>
        <source>The certificate names the company; an invoice is requested with its name and unified social credit code, sent to the email if you give one. Tap a field to type in it.</source>
        <translation>Le certificat nomme l&apos;entreprise ; une facture est demandée avec son nom et son code unifié de crédit social, envoyée à l&apos;e-mail si vous en donnez un. Touchez un champ pour y écrire.</translation>
    </message>
    <message>
        <source>‹ Back</source>
        <translation>‹ Retour</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Passer</translation>
    </message>
    <message>
        <source>Continue ›</source>
        <translation>Continuer ›</translation>
    </message>
</context>
<context>
    <name>NumericKeypad</name>
    <message>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Valider</translation>
    </message>
</context>
<context>
    <name>OrderScreen</name>
    <message>
        <source>Cancel this order?</source>
        <translation>Annuler cette commande ?</translation>
    </message>
    <message>
        <source>Order {code} ({amount}) will be cancelled and cannot be paid any more.</source>
        <translation>La commande {code} ({amount}) sera annulée et ne pourra plus être payée.</translation>
    </message>
    <message>
        <source>Yes, cancel it</source>
        <translation>Oui, l&apos;annuler</translation>
    </message>
    <message>
        <source>No, keep my order</source>
        <translation>Non, garder ma commande</translation>
    </message>
    <message>
        <source>Pay at the counter</source>
        <translation>Payez à la caisse</translation>
    </message>
    <message>
        <source>Your order code</source>
        <translation>Votre code de commande</translation>
    </message>
    <message>
        <source>For the cashier&apos;s scanner</source>
        <translation>Pour le lecteur de la caisse</translation>
    </message>
    <message>
        <source>Show this code at the counter. This screen moves on by itself once you have paid.</source>
        <translation>Montrez ce code à la caisse. L&apos;écran passe à la suite tout seul une fois le paiement fait.</translation>
    </message>
    <message>
        <source>Cancel order</source>
        <translation>Annuler la commande</translation>
    </message>
    <message>
        <source>Pay by card or phone here</source>
        <translation>Payer ici par carte ou téléphone</translation>
    </message>
    <message>
        <source>Follow the instructions on the payment terminal…</source>
        <translation>Suivez les instructions du terminal de paiement…</translation>
    </message>
    <message>
        <source>The payment did not go through. Try again, or pay at the counter.</source>
        <translation>Le paiement n&apos;est pas passé. Réessayez, ou payez à la caisse.</translation>
    </message>
    <message>
        <source>Footprint</source>
        <translation>Empreinte</translation>
    </message>
    <message>
        <source>Offset</source>
        <translation>Compensation</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projet</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Amount: {amount}</source>
        <translation>Montant : {amount}</translation>
    </message>
    <message>
        <source>(none: anonymous)</source>
        <translation>(aucun : anonyme)</translation>
    </message>
    <message>
        <source>A minimum of {minimum} applies to every order: the credits themselves cost {cost}.</source>
        <translation>Chaque commande coûte au moins {minimum} : les crédits eux-mêmes coûtent {cost}.</translation>
    </message>
</context>
<context>
    <name>OrdersPanel</name>
    <message>
        <source>Scan or type the order code, then Enter</source>
        <translation>Scannez ou tapez le code, puis Entrée</translation>
    </message>
    <message>
        <source>No order selected.</source>
        <translation>Aucune commande choisie.</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Espèces</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Carte</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>Cash tendered (yuan)</source>
        <translation>Espèces reçues (yuans)</translation>
    </message>
    <message>
        <source>Mark paid</source>
        <translation>Marquer payé</translation>
    </message>
    <message>
        <source>Print slip</source>
        <translation>Imprimer le ticket</translation>
    </message>
    <message>
        <source>Order {code} is {status}.</source>
        <translation>La commande {code} est {status}.</translation>
    </message>
    <message>
        <source>No order selected: scan a code or pick one.</source>
        <translation>Aucune commande : scannez un code ou choisissez-en une.</translation>
    </message>
    <message>
        <source>Order {code}: {offset} CO₂e, due {due} ({status})</source>
        <translation>Commande {code} : {offset} CO₂e, à payer {due} ({status})</translation>
    </message>
    <message>
        <source>not an amount</source>
        <translation>montant invalide</translation>
    </message>
    <message>
        <source>Change {change}</source>
        <translation>Rendu {change}</translation>
    </message>
    <message>
        <source>{short} short</source>
        <translation>il manque {short}</translation>
    </message>
    <message>
        <source>Paid: order {code}, certificate {serial}.</source>
        <translation>Payé : commande {code}, certificat {serial}.</translation>
    </message>
    <message>
        <source>Give change: {change}</source>
        <translation>Rendre : {change}</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>Impression…</translation>
    </message>
</context>
<context>
    <name>OutOfServiceScreen</name>
    <message>
        <source>Out of service</source>
        <translation>Hors service</translation>
    </message>
    <message>
        <source>Sorry, something went wrong</source>
        <translation>Désolé, un problème est survenu</translation>
    </message>
    <message>
        <source>This kiosk cannot record sales right now. Please ask the staff for help; nothing you paid for is lost.</source>
        <translation>Cette borne ne peut pas enregistrer de vente pour le moment. Demandez de l&apos;aide au personnel ; rien de ce que vous avez payé n&apos;est perdu.</translation>
    </message>
    <message>
        <source>Please start again. If it happens again, ask the staff.</source>
        <translation>Veuillez recommencer. Si cela se reproduit, demandez au personnel.</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Start again</source>
        <translation>Recommencer</translation>
    </message>
</context>
<context>
    <name>PaidScreen</name>
    <message>
        <source>Payment received. Thank you!</source>
        <translation>Paiement reçu. Merci !</translation>
    </message>
    <message>
        <source>Preparing your certificate…</source>
        <translation>Préparation de votre certificat…</translation>
    </message>
    <message>
        <source>{amount} paid for {mass} CO₂e</source>
        <translation>{amount} payés pour {mass} CO₂e</translation>
    </message>
</context>
<context>
    <name>PricesPanel</name>
    <message>
        <source>Project</source>
        <translation>Projet</translation>
    </message>
    <message>
        <source>Catalogue</source>
        <translation>Catalogue</translation>
    </message>
    <message>
        <source>Sold here at</source>
        <translation>Vendu ici à</translation>
    </message>
    <message>
        <source>yuan per tonne, e.g. 85 or 85.50</source>
        <translation>yuans par tonne, par ex. 85 ou 85.50</translation>
    </message>
    <message>
        <source>why (kept in the audit log)</source>
        <translation>pourquoi (gardé dans le journal d’audit)</translation>
    </message>
    <message>
        <source>Use this price</source>
        <translation>Appliquer ce prix</translation>
    </message>
    <message>
        <source>Back to the catalogue price</source>
        <translation>Revenir au prix du catalogue</translation>
    </message>
    <message>
        <source>Local price</source>
        <translation>Prix local</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>Orders already waiting keep their price. A catalogue pulled by sync does not replace a local price; go back to the catalogue price to follow it again.</source>
        <translation>Les commandes déjà en attente gardent leur prix. Un catalogue reçu par synchronisation ne remplace pas un prix local ; revenez au prix du catalogue pour le suivre à nouveau.</translation>
    </message>
    <message>
        <source>(local)</source>
        <translation>(local)</translation>
    </message>
    <message>
        <source>No project in this ledger yet.</source>
        <translation>Aucun projet dans ce registre pour l’instant.</translation>
    </message>
    <message>
        <source>{name}: catalogue price {price} per tonne.</source>
        <translation>{name} : prix du catalogue {price} la tonne.</translation>
    </message>
    <message>
        <source>Sold here at {price} since {when} (by {who}: {why}).</source>
        <translation>Vendu ici à {price} depuis le {when} (par {who} : {why}).</translation>
    </message>
    <message>
        <source>{name} now sells at {price} per tonne here.</source>
        <translation>{name} est maintenant vendu ici à {price} la tonne.</translation>
    </message>
    <message>
        <source>{name} is back at the catalogue price.</source>
        <translation>{name} est revenu au prix du catalogue.</translation>
    </message>
</context>
<context>
    <name>PrinterPanel</name>
    <message>
        <source>Check status</source>
        <translation>Vérifier l’état</translation>
    </message>
    <message>
        <source>Test print</source>
        <translation>Page de test</translation>
    </message>
    <message>
        <source>Configured: {name} ({paper} mm, {mode}).</source>
        <translation>Configurée : {name} ({paper} mm, {mode}).</translation>
    </message>
    <message>
        <source>No printer is configured (a [printer] table in {file}).</source>
        <translation>Aucune imprimante configurée (table [printer] dans {file}).</translation>
    </message>
    <message>
        <source>Asking the printer how it is…</source>
        <translation>Interrogation de l’imprimante…</translation>
    </message>
    <message>
        <source>{state}: {detail}</source>
        <translation>{state} : {detail}</translation>
    </message>
    <message>
        <source>The printer could not be checked: {reason}</source>
        <translation>Impossible de vérifier l’imprimante : {reason}</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Prête</translation>
    </message>
    <message>
        <source>Paper low</source>
        <translation>Papier bientôt épuisé</translation>
    </message>
    <message>
        <source>Paper out</source>
        <translation>Plus de papier</translation>
    </message>
    <message>
        <source>Cover open</source>
        <translation>Capot ouvert</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Hors ligne</translation>
    </message>
    <message>
        <source>Printer error</source>
        <translation>Erreur de l’imprimante</translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation>Injoignable</translation>
    </message>
    <message>
        <source>Status unknown</source>
        <translation>État inconnu</translation>
    </message>
    <message>
        <source>No printer configured</source>
        <translation>Aucune imprimante configurée</translation>
    </message>
    <message>
        <source>Checked at {time}</source>
        <translation>Vérifié à {time}</translation>
    </message>
    <message>
        <source>Printing a test page…</source>
        <translation>Impression d’une page de test…</translation>
    </message>
    <message>
        <source>{name} printed the test page.</source>
        <translation>{name} a imprimé la page de test.</translation>
    </message>
</context>
<context>
    <name>ProjectScreen</name>
    <message>
        <source>Forestry</source>
        <translation>Forêt</translation>
    </message>
    <message>
        <source>Solar power</source>
        <translation>Énergie solaire</translation>
    </message>
    <message>
        <source>Biogas</source>
        <translation>Biogaz</translation>
    </message>
    <message>
        <source>Wetland</source>
        <translation>Zone humide</translation>
    </message>
    <message>
        <source>Which project would you like to support?</source>
        <translation>Quel projet voulez-vous soutenir ?</translation>
    </message>
    <message>
        <source>No project here has {mass} left to sell. How much would you like to offset?</source>
        <translation>Aucun projet n&apos;a encore {mass} à vendre ici. Combien voulez-vous compenser ?</translation>
    </message>
    <message>
        <source>One month of your year
{mass}</source>
        <translation>Un mois de votre année
{mass}</translation>
    </message>
    <message>
        <source>The most one project can cover
{mass}</source>
        <translation>Le maximum qu&apos;un projet peut couvrir
{mass}</translation>
    </message>
    <message>
        <source>Choose an amount</source>
        <translation>Choisir une quantité</translation>
    </message>
    <message>
        <source>Type the amount in kg: from {low} to {high}.</source>
        <translation>Saisissez la quantité en kg : de {low} à {high}.</translation>
    </message>
    <message>
        <source>Offset this amount ›</source>
        <translation>Compenser cette quantité ›</translation>
    </message>
    <message>
        <source>That amount cannot be offset here.</source>
        <translation>Cette quantité ne peut pas être compensée ici.</translation>
    </message>
    <message>
        <source>You are offsetting {mass} CO₂e.</source>
        <translation>Vous compensez {mass} CO₂e.</translation>
    </message>
    <message>
        <source>That project has just sold out on this kiosk: please choose another.</source>
        <translation>Ce projet vient d&apos;être épuisé sur cette borne : choisissez-en un autre.</translation>
    </message>
    <message>
        <source>‹ Back</source>
        <translation>‹ Retour</translation>
    </message>
    <message>
        <source>{price} per tonne</source>
        <translation>{price} la tonne</translation>
    </message>
    <message>
        <source>You pay {amount}</source>
        <translation>Vous payez {amount}</translation>
    </message>
    <message>
        <source>Sold out</source>
        <translation>Épuisé</translation>
    </message>
</context>
<context>
    <name>QuestionScreen</name>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <source>km</source>
        <translation>km</translation>
    </message>
    <message>
        <source>people</source>
        <translation>personnes</translation>
    </message>
    <message>
        <source>nights</source>
        <translation>nuits</translation>
    </message>
    <message>
        <source>meals</source>
        <translation>repas</translation>
    </message>
    <message>
        <source>flights</source>
        <translation>vols</translation>
    </message>
    <message>
        <source>Search by Chinese, pinyin or English, or tap a popular city.</source>
        <translation>Cherchez en chinois, en pinyin ou en anglais, ou touchez une ville fréquente.</translation>
    </message>
    <message>
        <source>From {low} to {high} {unit}</source>
        <translation>De {low} à {high} {unit}</translation>
    </message>
    <message>
        <source>leave blank to work it out from the cities</source>
        <translation>laissez vide pour la calculer entre les villes</translation>
    </message>
    <message>
        <source>Tap one</source>
        <translation>Touchez une réponse</translation>
    </message>
    <message>
        <source>‹ Back</source>
        <translation>‹ Retour</translation>
    </message>
    <message>
        <source>Skip to my result</source>
        <translation>Voir mon résultat</translation>
    </message>
    <message>
        <source>See my footprint ›</source>
        <translation>Voir mon empreinte ›</translation>
    </message>
    <message>
        <source>Next ›</source>
        <translation>Suivant ›</translation>
    </message>
    <message>
        <source>Question {n} of {count}</source>
        <translation>Question {n} sur {count}</translation>
    </message>
    <message>
        <source>Footprint so far: —</source>
        <translation>Empreinte jusqu&apos;ici : —</translation>
    </message>
    <message>
        <source>Footprint so far: {mass} CO₂e</source>
        <translation>Empreinte jusqu&apos;ici : {mass} CO₂e</translation>
    </message>
    <message>
        <source>{value} is not allowed. {allowed}.</source>
        <translation>{value} n&apos;est pas accepté. {allowed}.</translation>
    </message>
    <message>
        <source>This one needs an answer.</source>
        <translation>Cette question demande une réponse.</translation>
    </message>
    <message>
        <source>Choose a city from the list.</source>
        <translation>Choisissez une ville dans la liste.</translation>
    </message>
    <message>
        <source>That way of travelling does not fit this distance: choose another one.</source>
        <translation>Ce moyen de transport ne convient pas à cette distance : choisissez-en un autre.</translation>
    </message>
    <message>
        <source>You start in the destination city: enter the distance.</source>
        <translation>Vous partez de la ville de destination : indiquez la distance.</translation>
    </message>
    <message>
        <source>Enter at least one amount above zero.</source>
        <translation>Indiquez au moins une quantité supérieure à zéro.</translation>
    </message>
</context>
<context>
    <name>RankingScreen</name>
    <message>
        <source>Ranking</source>
        <translation>Classement</translation>
    </message>
    <message>
        <source>Today here</source>
        <translation>Aujourd&apos;hui ici</translation>
    </message>
    <message>
        <source>This event</source>
        <translation>Cet événement</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>Depuis le début</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>‹ My certificate</source>
        <translation>‹ Mon certificat</translation>
    </message>
    <message>
        <source>No offsets yet: be the first!</source>
        <translation>Aucune compensation encore : soyez le premier !</translation>
    </message>
    <message>
        <source>Anonymous</source>
        <translation>Anonyme</translation>
    </message>
    <message>
        <source>{name} (you)</source>
        <translation>{name} (vous)</translation>
    </message>
    <message>
        <source>All kiosks</source>
        <translation>Toutes les bornes</translation>
    </message>
    <message>
        <source>The ranking of all kiosks arrives with the first sync.</source>
        <translation>Le classement de toutes les bornes arrive avec la première synchronisation.</translation>
    </message>
    <message>
        <source>Every kiosk&apos;s sales, as of {time}</source>
        <translation>Les ventes de toutes les bornes, au {time}</translation>
    </message>
    <message>
        <source>No kiosk has sold an offset with a nickname yet.</source>
        <translation>Aucune borne n&apos;a encore vendu de compensation avec un pseudonyme.</translation>
    </message>
</context>
<context>
    <name>ReportPanel</name>
    <message>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <source>Save till PDF…</source>
        <translation>Enregistrer le PDF de caisse…</translation>
    </message>
    <message>
        <source>Save CSV…</source>
        <translation>Enregistrer le CSV…</translation>
    </message>
    <message>
        <source>Business day (UTC+8)</source>
        <translation>Jour ouvré (UTC+8)</translation>
    </message>
    <message>
        <source>{name}: {paid} paid, {voids} voided</source>
        <translation>{name} : {paid} payées, {voids} annulées</translation>
    </message>
    <message>
        <source>End of day</source>
        <translation>Fin de journée</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>Borne</translation>
    </message>
    <message>
        <source>Payments taken</source>
        <translation>Paiements encaissés</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>Encaissé</translation>
    </message>
    <message>
        <source>Voids (refunds)</source>
        <translation>Annulations (remboursements)</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>Remboursé</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>Net</translation>
    </message>
    <message>
        <source>Offset, net of voids</source>
        <translation>Compensé, annulations déduites</translation>
    </message>
    <message>
        <source>By project, net of voids</source>
        <translation>Par projet, annulations déduites</translation>
    </message>
    <message>
        <source>Expired unpaid</source>
        <translation>Expirées sans paiement</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>Enregistrer le rapport</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>Enregistré : {path}.</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore from backup</source>
        <translation>Restaurer une sauvegarde</translation>
    </message>
    <message>
        <source>paid orders lost</source>
        <translation>commandes payées perdues</translation>
    </message>
    <message>
        <source>I accept losing paid orders this ledger cannot show</source>
        <translation>J’accepte de perdre les commandes payées que ce registre ne peut pas afficher</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restaurer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Backup {name}, taken {time}.</source>
        <translation>Sauvegarde {name}, faite le {time}.</translation>
    </message>
    <message>
        <source>It passes the integrity check.</source>
        <translation>Elle passe la vérification d’intégrité.</translation>
    </message>
    <message>
        <source>It does NOT pass the integrity check: {problem}</source>
        <translation>Elle ne passe PAS la vérification d’intégrité : {problem}</translation>
    </message>
    <message>
        <source>In the backup: {orders} orders, {paid} paid; last certificate serial {serial}, last order number {seq}; last change {time}.</source>
        <translation>Dans la sauvegarde : {orders} commandes, {paid} payées ; dernier numéro de certificat {serial}, dernier numéro de commande {seq} ; dernière modification {time}.</translation>
    </message>
    <message>
        <source>In the ledger now: {orders} orders, {paid} paid; last certificate serial {serial}, last order number {seq}; last change {time}.</source>
        <translation>Dans le registre actuel : {orders} commandes, {paid} payées ; dernier numéro de certificat {serial}, dernier numéro de commande {seq} ; dernière modification {time}.</translation>
    </message>
    <message>
        <source>The current ledger cannot be used: {reason}. Paid orders recorded since the backup cannot all be listed.</source>
        <translation>Le registre actuel est inutilisable : {reason}. Les commandes payées depuis la sauvegarde ne peuvent pas toutes être listées.</translation>
    </message>
    <message>
        <source>How many paid orders recorded after this backup will be lost from this kiosk is unknown ({reason}); {count} can be listed. They stay in the kept file.</source>
        <translation>Le nombre de commandes payées enregistrées après cette sauvegarde qui seront perdues sur cette borne est inconnu ({reason}) ; {count} peuvent être listées. Elles restent dans le fichier conservé.</translation>
    </message>
    <message>
        <source>{count} paid order(s) recorded after this backup will be lost from this kiosk ({registry} of them reached the registry; the others will exist only in the kept file):</source>
        <translation>{count} commande(s) payée(s) après cette sauvegarde seront perdues sur cette borne ({registry} sont parvenues au registre central ; les autres n’existeront plus que dans le fichier conservé) :</translation>
    </message>
    <message>
        <source>No paid order is lost: the backup has every one.</source>
        <translation>Aucune commande payée n’est perdue : la sauvegarde les contient toutes.</translation>
    </message>
    <message>
        <source>paid</source>
        <translation>payée</translation>
    </message>
    <message>
        <source>refunded</source>
        <translation>remboursée</translation>
    </message>
    <message>
        <source>at the registry</source>
        <translation>au registre central</translation>
    </message>
    <message>
        <source>not at the registry</source>
        <translation>absente du registre central</translation>
    </message>
    <message>
        <source>serial {serial} · order {code} · {amount} · {kind} {time} · {where}</source>
        <translation>certificat {serial} · commande {code} · {amount} · {kind} {time} · {where}</translation>
    </message>
    <message>
        <source>{count} unpaid order(s) will be dropped; those customers start again.</source>
        <translation>{count} commande(s) non payée(s) seront abandonnées ; ces clients recommencent.</translation>
    </message>
    <message>
        <source>The current ledger is kept, as it is, beside it as {stem}.before-restore-&lt;time&gt;.sqlite.</source>
        <translation>Le registre actuel est conservé tel quel, à côté, sous {stem}.before-restore-&lt;heure&gt;.sqlite.</translation>
    </message>
    <message>
        <source>New certificates continue from serial {serial} and order number {seq}, after the highest this kiosk is known to have issued: no number is ever used twice.</source>
        <translation>Les nouveaux certificats reprennent au numéro {serial} et les commandes au numéro {seq}, après le plus élevé que cette borne a émis : aucun numéro n’est jamais réutilisé.</translation>
    </message>
    <message>
        <source>Serials {first} to {last} are skipped; the audit log records the skip.</source>
        <translation>Les numéros {first} à {last} sont sautés ; le journal d’audit l’enregistre.</translation>
    </message>
    <message>
        <source>The current ledger cannot be read, so {margin} more numbers are skipped in case it issued some after the backup.</source>
        <translation>Le registre actuel est illisible : {margin} numéros de plus sont sautés, au cas où il en aurait émis après la sauvegarde.</translation>
    </message>
    <message>
        <source>Staff accounts added after the backup will be gone: {names}.</source>
        <translation>Les comptes ajoutés après la sauvegarde disparaîtront : {names}.</translation>
    </message>
    <message>
        <source>The backup predates this kiosk&apos;s enrolment: enrol it again afterwards.</source>
        <translation>La sauvegarde est antérieure à l’inscription de cette borne : inscrivez-la à nouveau ensuite.</translation>
    </message>
    <message>
        <source>This new, empty ledger (kiosk {new}) takes the backup&apos;s identity, kiosk {kiosk}.</source>
        <translation>Ce nouveau registre vide (borne {new}) prend l’identité de la sauvegarde, borne {kiosk}.</translation>
    </message>
    <message>
        <source>This backup does not pass the integrity check, so it is not restored from here (`diandian ledger restore --force` can, if you must).</source>
        <translation>Cette sauvegarde ne passe pas la vérification d’intégrité : elle n’est pas restaurée ici (`diandian ledger restore --force` le peut, s’il le faut).</translation>
    </message>
    <message>
        <source>To restore anyway, acknowledge that paid orders may be lost:</source>
        <translation>Pour restaurer malgré tout, confirmez que des commandes payées peuvent être perdues :</translation>
    </message>
    <message>
        <source>To restore anyway, type the number of paid orders that will be lost:</source>
        <translation>Pour restaurer quand même, tapez le nombre de commandes payées qui seront perdues :</translation>
    </message>
    <message>
        <source>Restore this backup?</source>
        <translation>Restaurer cette sauvegarde ?</translation>
    </message>
</context>
<context>
    <name>ResultScreen</name>
    <message>
        <source>{n} km</source>
        <translation>{n} km</translation>
    </message>
    <message>
        <source>{n} nights</source>
        <translation>{n} nuits</translation>
    </message>
    <message>
        <source>{n} meals</source>
        <translation>{n} repas</translation>
    </message>
    <message>
        <source>{n} days</source>
        <translation>{n} jours</translation>
    </message>
    <message>
        <source>{n} kWh</source>
        <translation>{n} kWh</translation>
    </message>
    <message>
        <source>{n} m³</source>
        <translation>{n} m³</translation>
    </message>
    <message>
        <source>{n} kg</source>
        <translation>{n} kg</translation>
    </message>
    <message>
        <source>{factor} kg</source>
        <translation>{factor} kg</translation>
    </message>
    <message>
        <source>kWh</source>
        <translation>kWh</translation>
    </message>
    <message>
        <source>km</source>
        <translation>km</translation>
    </message>
    <message>
        <source>{name}: {value} kg CO₂ per {unit} ({year})</source>
        <translation>{name} : {value} kg de CO₂ par {unit} ({year})</translation>
    </message>
    <message>
        <source>Grid electricity used: {factors}.</source>
        <translation>Électricité du réseau utilisée : {factors}.</translation>
    </message>
    <message>
        <source>Everything else</source>
        <translation>Tout le reste</translation>
    </message>
    <message>
        <source>‹ Change answers</source>
        <translation>‹ Modifier mes réponses</translation>
    </message>
    <message>
        <source>Choose a project ›</source>
        <translation>Choisir un projet ›</translation>
    </message>
    <message>
        <source>Where it comes from</source>
        <translation>D&apos;où elle vient</translation>
    </message>
    <message>
        <source>Your year&apos;s footprint</source>
        <translation>Votre empreinte sur un an</translation>
    </message>
    <message>
        <source>Your footprint</source>
        <translation>Votre empreinte</translation>
    </message>
    <message>
        <source>≈ driving {km} km alone in a petrol car</source>
        <translation>≈ {km} km seul dans une voiture essence</translation>
    </message>
    <message>
        <source>Emission factors {version}: {sources}.</source>
        <translation>Facteurs d&apos;émission {version} : {sources}.</translation>
    </message>
    <message>
        <source>Offset one month
{mass}</source>
        <translation>Compenser un mois
{mass}</translation>
    </message>
    <message>
        <source>Offset the whole year
{mass}</source>
        <translation>Compenser toute l&apos;année
{mass}</translation>
    </message>
</context>
<context>
    <name>ScenarioScreen</name>
    <message>
        <source>What would you like to offset?</source>
        <translation>Que voulez-vous compenser ?</translation>
    </message>
    <message>
        <source>‹ Back</source>
        <translation>‹ Retour</translation>
    </message>
</context>
<context>
    <name>SignInPanel</name>
    <message>
        <source>Diandian cashier: sign in</source>
        <translation>Caisse Diandian : connexion</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <source>No staff account exists yet. Create one with: diandian accounts add NAME --role admin</source>
        <translation>Aucun compte du personnel. Créez-en un avec : diandian accounts add NAME --role admin</translation>
    </message>
    <message>
        <source>The ledger cannot be used ({reason}). An administrator can sign in with the PIN of the newest backup ({backup}) and restore a backup from the administration tab.</source>
        <translation>Le registre est inutilisable ({reason}). Un administrateur peut se connecter avec le code PIN de la sauvegarde la plus récente ({backup}) et restaurer une sauvegarde depuis l’onglet Administration.</translation>
    </message>
    <message>
        <source>Choose your name first.</source>
        <translation>Choisissez d’abord votre nom.</translation>
    </message>
</context>
<context>
    <name>SlipsPanel</name>
    <message>
        <source>Scan or type a code or serial, then Enter</source>
        <translation>Scannez ou tapez un code ou un numéro, puis Entrée</translation>
    </message>
    <message>
        <source>Print slip again</source>
        <translation>Réimprimer le ticket</translation>
    </message>
    <message>
        <source>Save A6 PDF…</source>
        <translation>Enregistrer le PDF A6…</translation>
    </message>
    <message>
        <source>Reason for the refund (required)</source>
        <translation>Motif du remboursement (obligatoire)</translation>
    </message>
    <message>
        <source>Void (refund)</source>
        <translation>Annuler (rembourser)</translation>
    </message>
    <message>
        <source>{count} slip(s) to print again (listed first).</source>
        <translation>{count} ticket(s) à réimprimer (en tête de liste).</translation>
    </message>
    <message>
        <source>No failed, pending or unconfirmed prints.</source>
        <translation>Aucune impression échouée, en attente ou non confirmée.</translation>
    </message>
    <message>
        <source>slip not printed here</source>
        <translation>ticket non imprimé ici</translation>
    </message>
    <message>
        <source>⚠ slip pending</source>
        <translation>⚠ ticket en attente</translation>
    </message>
    <message>
        <source>⚠ PRINT FAILED</source>
        <translation>⚠ IMPRESSION ÉCHOUÉE</translation>
    </message>
    <message>
        <source>⚠ sent, not confirmed</source>
        <translation>⚠ envoyé, non confirmé</translation>
    </message>
    <message>
        <source>slip printed</source>
        <translation>ticket imprimé</translation>
    </message>
    <message>
        <source>Choose a paid order.</source>
        <translation>Choisissez une commande payée.</translation>
    </message>
    <message>
        <source>Order {code}, certificate {serial}: {amount} by {method}; {slip}</source>
        <translation>Commande {code}, certificat {serial} : {amount} par {method} ; {slip}</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>Impression…</translation>
    </message>
    <message>
        <source>Save the certificate</source>
        <translation>Enregistrer le certificat</translation>
    </message>
    <message>
        <source>A reason is required to void a paid order.</source>
        <translation>Un motif est requis pour annuler une commande payée.</translation>
    </message>
    <message>
        <source>Void order {code} and refund {amount}?</source>
        <translation>Annuler la commande {code} et rembourser {amount} ?</translation>
    </message>
    <message>
        <source>Certificate {serial}, paid by {method}. Reason: {reason}</source>
        <translation>Certificat {serial}, payé par {method}. Motif : {reason}</translation>
    </message>
    <message>
        <source>Yes, void and refund</source>
        <translation>Oui, annuler et rembourser</translation>
    </message>
    <message>
        <source>No, keep it</source>
        <translation>Non, la garder</translation>
    </message>
    <message>
        <source>Order {code} voided; refund {amount}.</source>
        <translation>Commande {code} annulée ; rembourser {amount}.</translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message>
        <source>Cashier console</source>
        <translation>Caisse</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Personnel</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>administrateur</translation>
    </message>
    <message>
        <source>cashier</source>
        <translation>caissier</translation>
    </message>
    <message>
        <source>Signed in as {name} ({role}).</source>
        <translation>Connecté : {name} ({role}).</translation>
    </message>
    <message>
        <source>Back to the visitor&apos;s order {code}</source>
        <translation>Revenir à la commande du visiteur {code}</translation>
    </message>
    <message>
        <source>Sign out to the start screen</source>
        <translation>Se déconnecter, retour à l&apos;accueil</translation>
    </message>
    <message>
        <source>Exit kiosk mode</source>
        <translation>Quitter le mode borne</translation>
    </message>
</context>
<context>
    <name>StaffSignInScreen</name>
    <message>
        <source>Staff sign-in</source>
        <translation>Connexion du personnel</translation>
    </message>
    <message>
        <source>The sales ledger cannot be used. An administrator can sign in with the PIN of the newest backup, to restore a backup from the cashier console.</source>
        <translation>Le registre des ventes est inutilisable. Un administrateur peut se connecter avec le code PIN de la dernière sauvegarde, pour restaurer une sauvegarde depuis la caisse.</translation>
    </message>
    <message>
        <source>No staff account exists yet. Create one on this computer with: diandian accounts add NAME --role admin</source>
        <translation>Aucun compte du personnel n&apos;existe encore. Créez-en un sur cet ordinateur avec : diandian accounts add NOM --role admin</translation>
    </message>
    <message>
        <source>Type your staff name.</source>
        <translation>Saisissez votre nom d&apos;employé.</translation>
    </message>
    <message>
        <source>Enter your PIN.</source>
        <translation>Saisissez votre code PIN.</translation>
    </message>
    <message>
        <source>Staff name</source>
        <translation>Nom d&apos;employé</translation>
    </message>
    <message>
        <source>Wrong PIN ({left} tries left).</source>
        <translation>Code PIN erroné (encore {left} essais).</translation>
    </message>
    <message>
        <source>Too many wrong PINs: locked until {until}.</source>
        <translation>Trop de codes erronés : bloqué jusqu&apos;à {until}.</translation>
    </message>
    <message>
        <source>No staff account has that name.</source>
        <translation>Aucun compte d&apos;employé à ce nom.</translation>
    </message>
    <message>
        <source>Type your name first.</source>
        <translation>Saisissez d&apos;abord votre nom.</translation>
    </message>
    <message>
        <source>Next ›</source>
        <translation>Suivant ›</translation>
    </message>
    <message>
        <source>‹ Change name</source>
        <translation>‹ Changer de nom</translation>
    </message>
    <message>
        <source>‹ Back</source>
        <translation>‹ Retour</translation>
    </message>
    <message>
        <source>Sign-in is not possible right now.</source>
        <translation>Connexion impossible pour le moment.</translation>
    </message>
    <message>
        <source>Only an administrator can sign in while the ledger cannot be used.</source>
        <translation>Seul un administrateur peut se connecter tant que le registre est inutilisable.</translation>
    </message>
</context>
<context>
    <name>TouchKeyboard</name>
    <message>
        <source>space</source>
        <translation>espace</translation>
    </message>
</context>
</TS>
