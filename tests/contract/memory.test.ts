import { MemoryGraphStore } from '../../server/src/store/memory/MemoryGraphStore';
import { describeStoreContract } from './store-contract';

describeStoreContract('memory', async (bundle) => new MemoryGraphStore(bundle));
