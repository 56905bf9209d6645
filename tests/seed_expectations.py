"""What the seed article must import as, shared by every test that checks it."""

SEED_ID = "2024-03-25-openai-tenta-la-conquista-di-hollywood-con-sora"
SEED_TITLE = "OpenAI tenta la conquista di Hollywood con Sora"
SEED_RELATED_TITLES = [
    "ByteDance e Broadcom: al via una collaborazione per l’IA",
    "Apple rinvierà il lancio di Apple Intelligence nell’UE",
    "TikTok prova a rivoluzionare l’ADV ma inciampa clamorosamente",
    "Più veloce e intelligente: ecco Claude 3.5 Sonnet",
    "La valutazione di TSMC vola alle stelle trascinata di Nvidia",
    "McDonald’s: l’IA non è ancora in grado di prendere gli ordini al drive-in",
    "Nvidia batte Microsoft ed è la società che vale di più al mondo",
    "La NATO investe mille miliardi di euro in IA, robot e spazio",
    "In Cina stanno costruendo robot con espressioni facciali umane",
    "OpenAI potrebbe diventare una società benefit (e perseguire il profitto)",
]
