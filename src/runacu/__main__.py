from runacu.cli import main

main()
