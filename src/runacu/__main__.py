from runacu.launch import main

main()
